import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { ProtectedCategory, QuestionFacets, QuestionKind } from "../../server/question";

/**
 * The advice evaluation set shipped in data/eval/ (how it was written and labelled: its README):
 * borrower questions labelled with what they state and ask, and swaps of 40 of them that change only
 * the place or a protected descriptor. Read and validated here so the benchmark and the tests use
 * exactly the same, checked labels.
 */

export const EVAL_DIR = path.resolve(import.meta.dirname, "../../data/eval");

const KINDS = ["compare", "how_much", "should_i", "will_it_hurt", "general"] as const satisfies readonly QuestionKind[];
const PROTECTED = [
  "race",
  "color",
  "religion",
  "national_origin",
  "sex",
  "marital_status",
  "age",
  "disability",
  "familial_status",
  "public_assistance",
] as const satisfies readonly ProtectedCategory[];

const dollars = z.number().int().positive();
const months = z.number().int().positive().max(120);
const ascending = (values: number[]) => values.every((value, i) => i === 0 || values[i - 1]! < value);
const compared = (item: z.ZodNumber) =>
  z.array(item).min(2).refine(ascending, { message: "compared options are listed ascending, without repeats" });

// .strict(): a key QuestionFacets does not have is a labelling mistake, not something to ignore.
const facetsSchema = z
  .object({
    amount: dollars.optional(),
    amountsCompared: compared(dollars).optional(),
    termMonths: months.optional(),
    termsCompared: compared(months).optional(),
    income: dollars.optional(),
    purpose: z
      .enum([
        "debt_consolidation",
        "credit_card",
        "home_improvement",
        "car",
        "medical",
        "small_business",
        "education",
        "wedding",
        "moving",
        "vacation",
        "major_purchase",
        "other",
      ])
      .optional(),
    housing: z.enum(["rent", "own", "mortgage"]).optional(),
    utilization: z.number().min(0).max(150).optional(),
    creditScore: z.number().int().min(300).max(850).optional(),
    creditBand: z.enum(["poor", "fair", "good", "very_good", "exceptional"]).optional(),
    dti: z.number().min(0).max(100).optional(),
    employmentYears: z.number().min(0).max(60).optional(),
  })
  .strict();

// Both directions: the schema may neither miss a facet key nor invent one.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const facetsMatchTypes: Same<Required<z.infer<typeof facetsSchema>>, Required<QuestionFacets>> = true;
void facetsMatchTypes;

export type FacetKey = keyof QuestionFacets;
export const FACET_KEYS = Object.keys(facetsSchema.shape) as FacetKey[];

const questionSchema = z
  .object({
    id: z.string().regex(/^q\d{3}$/),
    question: z.string().min(1),
    kind: z.enum(KINDS),
    facets: facetsSchema,
    protected: z.array(z.enum(PROTECTED)),
    mentionsLocation: z.boolean(),
    lacksFacts: z.boolean(),
    missing: z.array(z.enum(FACET_KEYS as [FacetKey, ...FacetKey[]])),
  })
  .strict()
  .refine((q) => q.lacksFacts === q.missing.length > 0, {
    message: "lacksFacts is true exactly when missing is not empty",
  })
  .refine((q) => q.missing.every((key) => q.facets[key] === undefined), { message: "a missing facet is not stated" })
  .refine((q) => !(q.facets.amount !== undefined && q.facets.amountsCompared), {
    message: "one amount or amounts compared, not both",
  })
  .refine((q) => !(q.facets.termMonths !== undefined && q.facets.termsCompared), {
    message: "one term or terms compared, not both",
  });

export type EvalQuestion = z.infer<typeof questionSchema>;

const swapSchema = z
  .object({ base: z.string().regex(/^q\d{3}$/), variants: z.array(z.string().min(1)).min(1) })
  .strict();

export type EvalSwap = z.infer<typeof swapSchema>;

export interface EvalSet {
  questions: EvalQuestion[];
  swaps: EvalSwap[];
  byId: Map<string, EvalQuestion>;
}

function readJsonl<T>(file: string, schema: z.ZodType<T>): T[] {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  return lines.flatMap((line, i) => {
    if (line.trim() === "") return [];
    const parsed = schema.safeParse(JSON.parse(line));
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(line)"}: ${issue.message}`);
      throw new Error(`${path.basename(file)} line ${i + 1}: ${issues.join("; ")}`);
    }
    return [parsed.data];
  });
}

/**
 * The facts advice on a kind of question needs and the question lacks, most important first — the
 * rule the `missing` labels follow (data/eval/README.md). Comparisons without stated options are all
 * about the term in this set, hence termsCompared.
 */
export function missingByRule(kind: QuestionKind, facets: QuestionFacets): FacetKey[] {
  const lacks = (key: FacetKey) => facets[key] === undefined;
  switch (kind) {
    case "should_i":
      return (["income", "amount", "termMonths"] as const).filter(lacks);
    case "how_much":
      return (["income"] as const).filter(lacks);
    case "compare":
      return [
        ...(["income"] as const).filter(lacks),
        ...(lacks("termsCompared") && lacks("amountsCompared") ? (["termsCompared"] as const) : []),
      ];
    case "will_it_hurt":
    case "general":
      return [];
  }
}

/** Reads and validates both files; throws naming the file, line and field of the first bad record. */
export function loadAdviceEvalSet(dir = EVAL_DIR): EvalSet {
  const questions = readJsonl(path.join(dir, "advice-questions.jsonl"), questionSchema);
  const swaps = readJsonl(path.join(dir, "advice-swaps.jsonl"), swapSchema);
  const byId = new Map(questions.map((q) => [q.id, q]));
  if (byId.size !== questions.length) throw new Error("advice-questions.jsonl: question ids are not unique");
  for (const swap of swaps) {
    if (!byId.has(swap.base)) throw new Error(`advice-swaps.jsonl: base ${swap.base} is not a question`);
  }
  return { questions, swaps, byId };
}
