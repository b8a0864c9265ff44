/**
 * The fairness report (server/fairness) over 1,000,000 generated CSV rows: the streamed report
 * (`fairnessReportFromCsv` on a file stream, what `npm run cli -- fairness-report` runs) beside a
 * naive reference that reads the whole file, parses it into an array of row objects
 * (csv-parse/sync, columns: true) and counts from the array. Each way runs in a fresh child
 * process, so its peak memory (max RSS) is its own; wall time includes reading and parsing the
 * file, counting and the 1,000-resample bootstrap. Both must give the same metrics.
 *
 *   node --import tsx bench/fairness-report.ts [--rows 1000000] [--rounds 3]
 *
 * Needs nothing running: the report is pure computation.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { parse } from "csv-parse/sync";
import {
  buildReport,
  DEFAULT_BOOTSTRAP,
  emptyCounts,
  fairnessReportFromCsv,
  type ConfusionCounts,
  type FairnessReport,
  type ReportColumns,
} from "../server/fairness";
import { seededRandom } from "../server/seeded-random";
import { median, ms, table } from "./lib/stats";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    rounds: { type: "string", default: "3" },
    way: { type: "string" },
    file: { type: "string" },
  },
});

const COLUMNS: ReportColumns = {
  group: "age_group",
  privileged: "25+",
  label: "repaid",
  prediction: "approved",
  favorable: "yes",
};

/**
 * Rows shaped like a lender's decision log: an id, three age groups (25+ 70 %, 18-24 20 %, 65+
 * 10 %), the outcome, and a decision that approves the younger group less often at the same outcome.
 */
function generate(file: string, rows: number): void {
  const random = seededRandom(2026);
  const fd = fs.openSync(file, "w");
  fs.writeSync(fd, "id,age_group,income,repaid,approved\n");
  let batch: string[] = [];
  for (let i = 0; i < rows; i++) {
    const r = random();
    const group = r < 0.7 ? "25+" : r < 0.9 ? "18-24" : "65+";
    const repaid = random() < (group === "18-24" ? 0.62 : 0.72);
    const approveChance = repaid ? (group === "18-24" ? 0.7 : 0.82) : group === "18-24" ? 0.35 : 0.45;
    const approved = random() < approveChance;
    batch.push(
      `${i + 1},${group},${Math.round(20_000 + random() * 130_000)},${repaid ? "yes" : "no"},${approved ? "yes" : "no"}`,
    );
    if (batch.length === 10_000) {
      fs.writeSync(fd, batch.join("\n") + "\n");
      batch = [];
    }
  }
  if (batch.length > 0) fs.writeSync(fd, batch.join("\n") + "\n");
  fs.closeSync(fd);
}

/** The reference: every row in memory as an object, then counted. */
function naiveReport(file: string): FairnessReport {
  const rows = parse(fs.readFileSync(file, "utf8"), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  const byGroup = new Map<string, ConfusionCounts>();
  for (const row of rows) {
    const group = row[COLUMNS.group]!;
    if (!byGroup.has(group)) byGroup.set(group, emptyCounts());
    const counts = byGroup.get(group)!;
    const y = row[COLUMNS.label] === COLUMNS.favorable;
    const yHat = row[COLUMNS.prediction] === COLUMNS.favorable;
    counts[y ? (yHat ? "tp" : "fn") : yHat ? "fp" : "tn"]++;
  }
  return buildReport({ rows: rows.length, byGroup, unfavorable: "no" }, COLUMNS, DEFAULT_BOOTSTRAP);
}

interface Measured {
  seconds: number;
  maxRssMb: number;
  metrics: FairnessReport["metrics"];
}

/** One way, in this (child) process: prints its time, peak memory and metrics as JSON. */
async function child(way: string, file: string): Promise<void> {
  const started = performance.now();
  const report =
    way === "streamed" ? await fairnessReportFromCsv(fs.createReadStream(file), COLUMNS) : naiveReport(file);
  const seconds = (performance.now() - started) / 1000;
  const measured: Measured = { seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, metrics: report.metrics };
  console.log(JSON.stringify(measured));
}

function runChild(way: string, file: string): Measured {
  const out = execFileSync(process.execPath, ["--import", "tsx", import.meta.filename, "--way", way, "--file", file], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split("\n").at(-1)!) as Measured;
}

async function main(): Promise<void> {
  if (values.way) return child(values.way, values.file!);
  const rows = Number(values.rows);
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rows) || rows < 1) throw new Error("--rows must be a whole number ≥ 1");
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error("--rounds must be a whole number ≥ 1");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "apfa-fairness-bench-"));
  const file = path.join(dir, "decisions.csv");
  try {
    generate(file, rows);
    const sizeMb = fs.statSync(file).size / 1e6;
    const ways = ["streamed", "naive"] as const;
    const results: Record<string, Measured[]> = { streamed: [], naive: [] };
    for (let round = 0; round < rounds; round++)
      for (const way of round % 2 === 0 ? ways : [...ways].reverse()) results[way]!.push(runChild(way, file));
    const same = JSON.stringify(results.streamed![0]!.metrics) === JSON.stringify(results.naive![0]!.metrics);
    if (!same) throw new Error("the streamed and the naive report disagree");
    const row = (name: string, way: string) => {
      const runs = results[way]!;
      return [
        name,
        ms(median(runs.map((r) => r.seconds))),
        ms(Math.min(...runs.map((r) => r.seconds))),
        ms(median(runs.map((r) => r.maxRssMb)), 0),
      ];
    };
    console.log(
      `${rows.toLocaleString("en-US")} rows (${sizeMb.toFixed(1)} MB CSV, 3 groups), ${DEFAULT_BOOTSTRAP.resamples} bootstrap resamples; ` +
        `${rounds} rounds, each way in a fresh process, alternating order; identical metrics: ${same}\n`,
    );
    console.log(
      table(
        ["way", "wall time (s, median)", "fastest (s)", "peak RSS (MB)"],
        [
          row("streamed: fairnessReportFromCsv on a file stream", "streamed"),
          row("naive: readFileSync + parse all rows, then count", "naive"),
        ],
      ),
    );
    const spd = results.streamed![0]!.metrics.statisticalParityDifference;
    console.log(
      `\nSPD (18-24 and 65+ vs 25+) ${spd.value?.toFixed(4)} [${spd.ci?.map((x) => x.toFixed(4)).join(", ")}]`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
