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

export const experimentInputSchema = z
  .object({
    key: z
      .string()
      .regex(KEY, "must be 1–64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit"),
    hypothesis: z.string().trim().max(2000).default(""),
    /** Release versions; the first is control. */
    variants: z.array(z.string().min(1)).min(2, "needs at least two releases (control first)").max(10),
    weights: z.array(z.number().min(0, "must not be negative")).optional(),
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
    if (input.weights.length !== input.variants.length) {
      ctx.addIssue({
        code: "custom",
        path: ["weights"],
        message: `has ${input.weights.length} weights for ${input.variants.length} variants`,
      });
    } else if (Math.abs(input.weights.reduce((sum, w) => sum + w, 0) - 1) > 0.01) {
      ctx.addIssue({ code: "custom", path: ["weights"], message: "must add up to 1 (±0.01)" });
    }
  });

export type ExperimentInput = z.input<typeof experimentInputSchema>;

/** Equal weights, as an experiment without weights splits its traffic. */
export const equalWeights = (n: number) => Array.from({ length: n }, () => 1 / n);

/** Whether two namespace slices share any part (of the same namespace). */
export function namespacesOverlap(a: { id: string; start: number; end: number }, b: typeof a): boolean {
  return a.id === b.id && a.start < b.end && b.start < a.end;
}
