import fs from "node:fs";
import { AppError } from "@/server/errors";
import { DEFAULT_BOOTSTRAP, fairnessReportFromCsv, formatReport, type ReportColumns } from "@/server/fairness";
import type { Command, ParsedArgs } from "../command";
import { UsageError } from "../command";

const USAGE = `npm run cli -- fairness-report --csv FILE --group COL --privileged VALUE --label COL
                              --prediction COL --favorable VALUE [--unfavorable VALUE]
                              [--resamples N] [--seed S] [--json]

  Group fairness metrics of a model's decisions in a CSV (a header row, then one row per decision),
  read as a stream, so a file of millions of rows needs no more memory than a small one:
  AIF360's statistical parity difference, disparate impact (flagged below four fifths), equal
  opportunity difference, average odds difference with its FPR and TPR parts, Theil index;
  Fairlearn's demographic parity difference and ratio and equalized odds difference; and per
  group (Fairlearn's MetricFrame) count, selection rate, true and false positive rate, base rate.
  Differences are unprivileged minus privileged, ratios unprivileged over privileged. Each value
  has a ${Math.round(DEFAULT_BOOTSTRAP.confidence * 100)} % percentile bootstrap interval (rows resampled within each group; seeded).

  --group       the protected attribute's column; --privileged names its privileged value, and
                every other value is unprivileged (pooled; the per-group table lists each one)
  --label       the true outcome's column; --prediction the decision's column (may be the same)
  --favorable   the favorable outcome as both columns write it; they may hold one other value,
                the unfavorable one (--unfavorable names it; else the first other value seen,
                and any third value is refused, naming its row: rows count from 1 after the header)
  --resamples   bootstrap resamples (default ${DEFAULT_BOOTSTRAP.resamples}); --seed its seed (default ${DEFAULT_BOOTSTRAP.seed})
  --json        the report as one JSON object (its fields: README.md, "Fairness report")

  Needs no running product. Example (data/german-credit/README.md):
    npm run cli -- fairness-report --csv data/german-credit/german-credit.csv --group age_group \\
      --privileged 25+ --label credit --prediction checking_rule --favorable 1`;

type Values = ParsedArgs["values"];

function required(values: Values, flag: string): string {
  const value = values[flag];
  if (typeof value !== "string" || value === "") throw new UsageError(`--${flag} is required`);
  return value;
}

function wholeNumber(values: Values, flag: string, fallback: number): number {
  const text = values[flag];
  if (text === undefined) return fallback;
  if (typeof text !== "string" || !/^-?\d+$/.test(text.trim()))
    throw new UsageError(`--${flag} must be a whole number, not '${String(text)}'`);
  return Number(text);
}

async function run({ values }: ParsedArgs): Promise<number> {
  const file = required(values, "csv");
  const columns: ReportColumns = {
    group: required(values, "group"),
    privileged: required(values, "privileged"),
    label: required(values, "label"),
    prediction: required(values, "prediction"),
    favorable: required(values, "favorable"),
    unfavorable: typeof values.unfavorable === "string" ? values.unfavorable : undefined,
  };
  const bootstrap = {
    ...DEFAULT_BOOTSTRAP,
    resamples: wholeNumber(values, "resamples", DEFAULT_BOOTSTRAP.resamples),
    seed: wholeNumber(values, "seed", DEFAULT_BOOTSTRAP.seed),
  };
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) throw new AppError("not_found", `no such file: ${file}`);
  if (!stat.isFile()) throw new AppError("bad_request", `not a file: ${file}`);
  const report = await fairnessReportFromCsv(fs.createReadStream(file), columns, { bootstrap });
  console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
  return 0;
}

export const fairnessReportCommand: Command = {
  name: "fairness-report",
  summary: "group fairness metrics (AIF360, Fairlearn) of decisions in a CSV, with intervals",
  usage: USAGE,
  options: {
    csv: { type: "string" },
    group: { type: "string" },
    privileged: { type: "string" },
    label: { type: "string" },
    prediction: { type: "string" },
    favorable: { type: "string" },
    unfavorable: { type: "string" },
    resamples: { type: "string" },
    seed: { type: "string" },
    json: { type: "boolean" },
  },
  standalone: () => true,
  run,
};
