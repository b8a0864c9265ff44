import { assignVariant, effectiveWeights, type AssignmentSettings } from "@/server/experiments/assignment";
import type { Command, ParsedArgs } from "../command";
import { UsageError } from "../command";

const USAGE = `npm run cli -- experiments <action> [options]

  assign --key K --user ID [--variants N] [--weights a,b,…] [--coverage C] [--seed S]
         [--hash-version 1|2]
                    the arm the user gets, exactly as GrowthBook's SDKs decide it, as one line:
                    {"variant": i, "bucket": n, "inExperiment": bool}. bucket is the user's hash
                    in [0, 1) that picked the arm; a user outside the coverage is not in the
                    experiment and gets control (0). --user is the request's user id as given.
                    Defaults: 2 variants (or one per weight), equal weights, coverage 1, the key
                    as seed, hash version 2. Needs no running product.
  create --key K --variants <release>,<release>[,…] [--weights a,b,…] [--coverage C]
         [--hash-version 1|2] [--guardrails bias_flag_rate,error_rate] [--seed S]
         [--hypothesis TEXT] [--namespace id:start-end] [--json]
                    a draft experiment; the first release is control
  start <key> --reason TEXT · stop <key> --reason TEXT
                    start a draft (refused if its namespace overlaps a running one) or stop it
  set-weights <key> --weights a,b[,…] --reason TEXT
                    a new split (one weight per variant, each 0 to 1, adding up to 1), in the
                    ledger; users already exposed keep their arm, new users get the new split
  list [--json]     experiments with status, variants and weights
  results <key> [--json]
                    per arm: users, requests, latency; per metric against control: lift with a
                    delta-method interval, Welch p-value (Holm-corrected), chance to win and
                    expected loss; the sample-ratio check; each guardrail
  ship <key> --variant i --reason TEXT
                    promote arm i's release through the release gates, then stop the experiment
  check-guardrails  stop running experiments whose guardrail is breached (the worker does it every minute)`;

/**
 * Actions that read or change stored experiments: the CLI finds the running product before they
 * run. Anything else (assign; an unknown action, refused before any connection) runs standalone.
 */
const PRODUCT_ACTIONS: ReadonlySet<string> = new Set<string>([
  "create",
  "start",
  "stop",
  "set-weights",
  "list",
  "results",
  "ship",
  "check-guardrails",
]);

/** Only a bound against a typo allocating gigabytes; an experiment's arms are releases. */
const MAX_VARIANTS = 1000;

type Values = ParsedArgs["values"];

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A flag's number, refusing what Number() would quietly read ("" as 0, "0x10" as 16). */
function numberOf(flag: string, text: string, expected: string): number {
  if (!DECIMAL.test(text.trim())) throw new UsageError(`--${flag} must be ${expected}, not '${text}'`);
  return Number(text);
}

function requiredText(values: Values, flag: string, what: string): string {
  const value = values[flag];
  if (typeof value !== "string" || value === "") throw new UsageError(`--${flag} is required (${what})`);
  return value;
}

function optionalText(values: Values, flag: string): string | undefined {
  const value = values[flag];
  return typeof value === "string" ? value : undefined;
}

function parseWeights(text: string): number[] {
  return text.split(",").map((part) => {
    const weight = numberOf("weights", part, "numbers from 0 to 1 separated by commas");
    if (weight < 0 || weight > 1) throw new UsageError(`--weights must be numbers from 0 to 1, not '${part}'`);
    return weight;
  });
}

function parseVariants(text: string | undefined, weights: number[] | undefined): number {
  if (text === undefined) {
    if (weights && weights.length < 2) throw new UsageError("--weights must give one weight per arm, at least 2");
    return weights?.length ?? 2;
  }
  const variants = numberOf("variants", text, `a whole number from 2 to ${MAX_VARIANTS}`);
  if (!Number.isInteger(variants) || variants < 2 || variants > MAX_VARIANTS)
    throw new UsageError(`--variants must be a whole number from 2 to ${MAX_VARIANTS}, not '${text}'`);
  if (weights && weights.length !== variants)
    throw new UsageError(`--weights gives ${weights.length} weights for ${variants} variants: give one per variant`);
  return variants;
}

function parseAssignFlags(values: Values): { settings: AssignmentSettings; userId: string } {
  const key = requiredText(values, "key", "the experiment's key");
  const userId = requiredText(values, "user", "the request's user id");
  const weightsText = optionalText(values, "weights");
  const weights = weightsText === undefined ? undefined : parseWeights(weightsText);
  const variants = parseVariants(optionalText(values, "variants"), weights);
  const coverageText = optionalText(values, "coverage");
  const coverage = coverageText === undefined ? undefined : numberOf("coverage", coverageText, "a number from 0 to 1");
  if (coverage !== undefined && (coverage < 0 || coverage > 1))
    throw new UsageError(`--coverage must be a number from 0 to 1, not '${coverageText}'`);
  const hashVersionText = optionalText(values, "hash-version");
  if (hashVersionText !== undefined && hashVersionText !== "1" && hashVersionText !== "2")
    throw new UsageError(`--hash-version must be 1 or 2, not '${hashVersionText}'`);
  const hashVersion = hashVersionText === undefined ? undefined : Number(hashVersionText);
  return { settings: { key, seed: optionalText(values, "seed"), hashVersion, weights, coverage, variants }, userId };
}

function assign(values: Values, extra: string[]): number {
  if (extra.length > 0) throw new UsageError(`assign takes no arguments besides its flags: ${extra.join(" ")}`);
  const { settings, userId } = parseAssignFlags(values);
  const variants = settings.variants as number;
  if (settings.weights && effectiveWeights(variants, settings.weights) !== settings.weights) {
    const sum = settings.weights.reduce((total, weight) => total + weight, 0);
    // Not refused: the answer must be what GrowthBook's SDKs do with such an experiment.
    console.error(
      `note: --weights sum to ${Number(sum.toFixed(6))}, not 1 (±0.01): GrowthBook's SDKs split equally instead, and so does this answer`,
    );
  }
  const { variant, bucket, inExperiment } = assignVariant(settings, userId);
  console.log(`{"variant": ${variant}, "bucket": ${JSON.stringify(bucket)}, "inExperiment": ${inExperiment}}`);
  return 0;
}

export const experimentsCommand: Command = {
  name: "experiments",
  summary: "A/B experiments between releases: create, start, stop, results, ship; the arm a user gets (assign)",
  usage: USAGE,
  options: {
    key: { type: "string" },
    user: { type: "string" },
    variants: { type: "string" },
    weights: { type: "string" },
    coverage: { type: "string" },
    seed: { type: "string" },
    "hash-version": { type: "string" },
    guardrails: { type: "string" },
    hypothesis: { type: "string" },
    namespace: { type: "string" },
    reason: { type: "string" },
    variant: { type: "string" },
    json: { type: "boolean" },
  },
  standalone: ({ positionals: [action] }) => action === undefined || !PRODUCT_ACTIONS.has(action),
  async run({ positionals: [action, ...rest], values }) {
    // Product actions import what they need inside their case (`await import(...)`), never at the
    // top of this file: assign must load nothing that reads the environment or connects
    // (cli/experiments-assign.integration-test.ts runs it with a product-less environment).
    switch (action) {
      case "assign":
        return assign(values, rest);
      case undefined:
        throw new UsageError("name an experiments command");
      default:
        if (!PRODUCT_ACTIONS.has(action)) throw new UsageError(`unknown experiments command: ${action}`);
        return (await import("./experiment-admin")).runExperimentAction(action, rest, values);
    }
  },
};
