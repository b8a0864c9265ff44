import { enforceGuardrails, experimentResults, type ExperimentResults } from "@/server/advice";
import { AppError } from "@/server/errors";
import {
  changeStatus,
  createExperiment,
  listExperiments,
  updateWeights,
  type ComparisonResult,
  type CupedReport,
  type ExperimentInput,
} from "@/server/experiments";
import { shipExperimentArm } from "@/server/releases";
import { cliActor } from "../actor";
import type { ParsedArgs } from "../command";
import { UsageError } from "../command";

/**
 * The experiments actions that read or change stored experiments. Loaded only when one of them
 * runs (cli/commands/experiments.ts), so `experiments assign` never loads the database.
 */

type Values = ParsedArgs["values"];
const str = (value: unknown) => (typeof value === "string" ? value : undefined);

function numbers(flag: string, text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  return text.split(",").map((part) => {
    const value = Number(part);
    if (part.trim() === "" || !Number.isFinite(value))
      throw new UsageError(`--${flag} must be numbers separated by commas, not '${part}'`);
    return value;
  });
}

/** `--namespace id:start-end`, e.g. `checkout:0-0.5`. */
function namespaceOf(text: string | undefined): ExperimentInput["namespace"] {
  if (text === undefined) return undefined;
  const match = /^([^:]+):([\d.]+)-([\d.]+)$/.exec(text);
  if (!match) throw new UsageError(`--namespace must be id:start-end (e.g. checkout:0-0.5), not '${text}'`);
  return { id: match[1]!, start: Number(match[2]), end: Number(match[3]) };
}

async function create(values: Values): Promise<number> {
  const key = str(values.key);
  const variants = str(values.variants);
  if (!key || !variants)
    throw new UsageError("experiments create needs --key K and --variants <release>,<release>[,…]");
  const hashVersion = str(values["hash-version"]);
  const coverage = numbers("coverage", str(values.coverage));
  const row = await createExperiment(
    {
      key,
      hypothesis: str(values.hypothesis),
      variants: variants.split(",").map((v) => v.trim()),
      weights: numbers("weights", str(values.weights)),
      coverage: coverage?.[0],
      seed: str(values.seed),
      hashVersion: hashVersion === undefined ? undefined : (Number(hashVersion) as 1 | 2),
      guardrails: str(values.guardrails)
        ?.split(",")
        .map((g) => g.trim()) as ExperimentInput["guardrails"],
      namespace: namespaceOf(str(values.namespace)),
    },
    cliActor().email,
  );
  if (values.json) console.log(JSON.stringify(row, null, 2));
  else
    console.log(
      `created experiment ${row.key} (draft): ${row.variants.map((v, i) => `${i} ${v} ${row.weights[i]}`).join(", ")}`,
    );
  return 0;
}

async function status(action: "start" | "stop", key: string | undefined, values: Values): Promise<number> {
  const reason = str(values.reason);
  if (!key || !reason) throw new UsageError(`experiments ${action} needs <key> --reason TEXT`);
  const row = await changeStatus(key, action, { actor: cliActor().email, reason });
  console.log(`experiment ${row.key}: ${row.status}`);
  return 0;
}

/** A new split; users already exposed keep their arm, new users get the new weights. */
async function setWeights(key: string | undefined, values: Values): Promise<number> {
  const weights = numbers("weights", str(values.weights));
  const reason = str(values.reason);
  if (!key || !weights || !reason)
    throw new UsageError("experiments set-weights needs <key> --weights a,b[,…] --reason TEXT");
  const row = await updateWeights(key, weights, { actor: cliActor().email, reason });
  console.log(`experiment ${row.key}: weights ${row.weights.join("/")} (users already exposed keep their arm)`);
  return 0;
}

async function list(json: boolean): Promise<number> {
  const rows = await listExperiments();
  if (json) console.log(JSON.stringify(rows, null, 2));
  else if (rows.length === 0)
    console.log("no experiments yet (experiments create --key K --variants <release>,<release>)");
  else
    for (const r of rows)
      console.log(
        `${r.key.padEnd(24)} ${r.status.padEnd(8)} ${r.variants.join(" vs ")}  weights ${r.weights.join("/")}  coverage ${r.coverage}`,
      );
  return 0;
}

const liftText = (vs: ComparisonResult) =>
  vs.status === "ok"
    ? `lift ${(vs.lift * 100).toFixed(1)}% [${(vs.ci[0] * 100).toFixed(1)}, ${(vs.ci[1] * 100).toFixed(1)}], p ${vs.pValue.toFixed(4)}`
    : vs.reason;

/** CUPED's adjusted lift per arm, beside the same users unadjusted, and the variance it removed. */
function printCuped(metric: string, cuped: CupedReport): void {
  if (!cuped.applied) {
    console.log(`  ${metric} (CUPED): not applied — ${cuped.reason}`);
    return;
  }
  console.log(`  ${metric} (CUPED, θ ${cuped.theta.toFixed(3)}):`);
  for (const [i, vs] of cuped.vsControl.entries()) {
    const unadjusted = cuped.unadjustedVsControl[i]!;
    const arm = cuped.arms[vs.arm]!;
    console.log(
      `    arm ${vs.arm} vs control, ${arm.users} users with pre-exposure ratings: ${liftText(vs)} (Holm ${vs.pAdjusted?.toFixed(4) ?? "–"}); unadjusted ${liftText(unadjusted)}; variance −${(arm.varianceReduction * 100).toFixed(0)}%`,
    );
  }
}

function printResults(results: ExperimentResults): void {
  const { analysis } = results;
  console.log(
    `experiment ${results.key} (${results.status}); sample ratio: ${analysis.srm.status} — ${analysis.srm.reason}`,
  );
  for (const arm of results.arms) {
    console.log(
      `  arm ${arm.variant} ${arm.release}: ${arm.users} users, ${arm.requests} requests, p95 ${arm.p95LatencyMs ?? "–"} ms`,
    );
  }
  for (const metric of analysis.metrics) {
    for (const vs of metric.vsControl) {
      const text =
        vs.status === "ok"
          ? `lift ${(vs.lift * 100).toFixed(1)}% [${(vs.ci[0] * 100).toFixed(1)}, ${(vs.ci[1] * 100).toFixed(1)}], p ${vs.pValue.toFixed(4)} (Holm ${vs.pAdjusted?.toFixed(4)}), chance to win ${(vs.chanceToWin * 100).toFixed(1)}%`
          : vs.reason;
      console.log(`  ${metric.name}, arm ${vs.arm} vs control: ${text}`);
    }
    if (metric.cuped) printCuped(metric.name, metric.cuped);
  }
  for (const guardrail of analysis.guardrails) {
    for (const arm of guardrail.arms)
      console.log(
        `  guardrail ${guardrail.name}, arm ${arm.arm}: ${arm.breached ? "BREACHED" : "holds"} — ${arm.reason}`,
      );
  }
}

async function results(key: string | undefined, json: boolean): Promise<number> {
  if (!key) throw new UsageError("experiments results needs <key>");
  const found = await experimentResults(key);
  if (json) console.log(JSON.stringify(found, null, 2));
  else printResults(found);
  return 0;
}

/** Promotes the arm's release through the release gates, then stops the experiment saying it shipped. */
async function ship(key: string | undefined, values: Values): Promise<number> {
  const variantText = str(values.variant);
  const reason = str(values.reason);
  if (!key || variantText === undefined || !reason)
    throw new UsageError("experiments ship needs <key> --variant i --reason TEXT");
  try {
    const { promotion } = await shipExperimentArm({
      key,
      variant: Number(variantText),
      reason,
      actor: cliActor(),
    });
    console.log(`production: ${promotion.release} (was ${promotion.previous ?? "none"}); experiment ${key} stopped`);
    return 0;
  } catch (error) {
    // A variant that is no arm is a usage mistake at the shell: say it as one, naming the flag.
    const allowed = error instanceof AppError && error.details?.field === "variant" ? error.details.allowed : null;
    if (Array.isArray(allowed))
      throw new UsageError(`--variant must be an arm of ${key}: ${allowed[0]} to ${allowed[1]}, not '${variantText}'`);
    throw error;
  }
}

export async function runExperimentAction(action: string, rest: string[], values: Values): Promise<number> {
  const json = Boolean(values.json);
  switch (action) {
    case "create":
      return create(values);
    case "start":
    case "stop":
      return status(action, rest[0], values);
    case "set-weights":
      return setWeights(rest[0], values);
    case "list":
      return list(json);
    case "results":
      return results(rest[0], json);
    case "ship":
      return ship(rest[0], values);
    case "check-guardrails": {
      const stopped = await enforceGuardrails();
      console.log(
        stopped.length ? `stopped by a guardrail: ${stopped.join(", ")}` : "every running experiment's guardrails hold",
      );
      return 0;
    }
    default:
      throw new UsageError(`unknown experiments command: ${action}`);
  }
}
