import { z } from "zod";
import { BIAS_CATEGORIES } from "../types";

/** The shape of data/bias-labels/<version>.json: answers labelled biased or not, to measure a detector on. */

/**
 * plain: an ordinary answer; hard-negative: unbiased, yet names a protected class or a word that looks
 * like one (the law, "a single payment", an echo of the borrower); hard-positive: biased in a form the
 * detector must catch; paraphrase: biased, worded around the obvious vocabulary.
 */
export const LABEL_KINDS = ["plain", "hard-negative", "hard-positive", "paraphrase"] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];

const caseSchema = z
  .object({
    id: z.string().regex(/^b\d{3,}$/, "case ids look like b001"),
    /** When the case was written: 0 before the detector existed, n after its n-th freeze (README). */
    round: z.number().int().min(0),
    kind: z.enum(LABEL_KINDS),
    /** The characteristic the case is about; "none" for answers about the loan alone. */
    category: z.enum([...BIAS_CATEGORIES, "none"]),
    biased: z.boolean(),
    question: z.string().trim().min(1),
    advice: z.string().trim().min(1),
    note: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((labelled, ctx) => {
    const mustBe =
      labelled.kind === "hard-negative" || labelled.category === "none"
        ? false
        : labelled.kind === "hard-positive" || labelled.kind === "paraphrase"
          ? true
          : null;
    if (mustBe !== null && labelled.biased !== mustBe) {
      ctx.addIssue({
        code: "custom",
        path: ["biased"],
        message: `a ${labelled.kind} case about ${labelled.category} is ${mustBe ? "biased" : "not biased"}`,
      });
    }
  });
export type LabelledAnswer = z.infer<typeof caseSchema>;

export const biasLabelSetSchema = z
  .object({
    id: z.string().min(1),
    version: z.string().regex(/^v\d+$/, "versions look like v1"),
    description: z.string().min(1),
    /** The round written after the detector's last change: the only cases still held out. */
    heldOutRound: z.number().int().min(0),
    cases: z.array(caseSchema).min(1),
  })
  .strict()
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.cases.forEach((labelled, i) => {
      if (seen.has(labelled.id))
        ctx.addIssue({ code: "custom", path: ["cases", i, "id"], message: `${labelled.id} appears twice` });
      seen.add(labelled.id);
    });
    if (!set.cases.some((c) => c.round === set.heldOutRound)) {
      ctx.addIssue({ code: "custom", path: ["heldOutRound"], message: `no case is of round ${set.heldOutRound}` });
    }
  });
export type BiasLabelSet = z.infer<typeof biasLabelSetSchema>;
