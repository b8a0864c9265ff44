import { z } from "zod";

/** What an experiment is made of, checked before anything is stored. */

export const METRICS = ["satisfaction", "thumbs_up_rate", "latency", "bias_flag_rate", "error_rate"] as const;
export type MetricName = (typeof METRICS)[number];

const KEY = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export const namespaceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, "must be 1–64 lowercase letters, digits, '.', '_' or '-'"),
    start: z.number().min(0, "must be from 0 to 1").max(1, "must be from 0 to 1"),
    end: z.number().min(0, "must be from 0 to 1").max(1, "must be from 0 to 1"),
  })
  .refine((range) => range.start < range.end, { message: "start must be below end", path: ["end"] });

/** One arm's share of the covered traffic. */
const weightSchema = z.number().min(0, "each must be from 0 to 1").max(1, "each must be from 0 to 1");

/**
 * Why a weight list does not fit an experiment of `variants` arms (one per arm, adding up to 1
 * ±0.01, GrowthBook's own tolerance), or null when it does. Shared by create and by weight changes.
 */
export function weightsProblem(weights: readonly number[], variants: number): string | null {
  if (weights.length !== variants) return `has ${weights.length} weights for ${variants} variants`;
  if (Math.abs(weights.reduce((sum, w) => sum + w, 0) - 1) > 0.01) return "must add up to 1 (±0.01)";
  return null;
}

/** A new split for an existing experiment; the count is checked against its variants by the store. */
export const weightsSchema = z.array(weightSchema).min(2, "needs one weight per variant, at least 2");

export const experimentInputSchema = z
  .object({
    key: z
      .string()
      .regex(KEY, "must be 1–64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit"),
    hypothesis: z.string().trim().max(2000).default(""),
    /** Release versions; the first is control. */
    variants: z.array(z.string().min(1)).min(2, "needs at least two releases (control first)").max(10),
    weights: z.array(weightSchema).optional(),
    coverage: z.number().min(0, "must be from 0 to 1").max(1, "must be from 0 to 1").default(1),
    seed: z.string().min(1).optional(),
    hashVersion: z.union([z.literal(1), z.literal(2)], { message: "must be 1 or 2" }).default(2),
    primaryMetric: z.enum(METRICS).default("satisfaction"),
    guardrails: z.array(z.enum(METRICS)).default(["bias_flag_rate"]),
    namespace: namespaceSchema.optional(),
  })
  .superRefine((input, ctx) => {
    if (new Set(input.variants).size !== input.variants.length) {
      ctx.addIssue({ code: "custom", path: ["variants"], message: "names the same release twice" });
    }
    if (!input.weights) return;
    const problem = weightsProblem(input.weights, input.variants.length);
    if (problem) ctx.addIssue({ code: "custom", path: ["weights"], message: problem });
  });

export type ExperimentInput = z.input<typeof experimentInputSchema>;

/** Equal weights, as an experiment without weights splits its traffic. */
export const equalWeights = (n: number) => Array.from({ length: n }, () => 1 / n);

/** Whether two namespace slices share any part (of the same namespace). */
export function namespacesOverlap(a: { id: string; start: number; end: number }, b: typeof a): boolean {
  return a.id === b.id && a.start < b.end && b.start < a.end;
}
