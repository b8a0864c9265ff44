import { beforeAll, describe, expect, it } from "vitest";
import { sampleLoan } from "@/test/loans";
import { checkBias } from "../../bias";
import { createHashEmbedder } from "../../embedding";
import { SHIPPED_CORPUS, loanRowSchema, readRows, toLoanProfile } from "../../ingest";
import type { QuestionFacets, UnderstoodQuestion } from "../../question";
import type { RetrievedProfile } from "../../rag";
import { createGroundedAnalyzer, createGroundedV1Analyzer, GROUNDED_VERSION, MAX_ADVICE_TOKENS } from "..";
import { composeAdviceV2 } from "./compose";
import { estimateTokens, limitTokens } from "./length";
import { WHAT_MATTERS } from "./protected";
import { WEAK_MATCH_MEDIAN, matchStrength } from "./strength";

const STATES =
  "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split(
    " ",
  );

/**
 * A real corpus profile (the shipped first row, in AZ 860xx, through the product's own
 * toLoanProfile) with the columns a case needs changed. Its loan-to-income is computed there:
 * amount ÷ income, as a percentage to one decimal.
 */
function loan(
  id: number,
  outcome: "paid" | "off",
  o: { amount: number; income: number; term?: 36 | 60; util?: number },
  score = 0.45,
): RetrievedProfile {
  const row = loanRowSchema.parse(
    sampleLoan({
      loan_amnt: String(o.amount),
      annual_inc: String(o.income),
      term: `${o.term ?? 36} months`,
      revol_util: `${o.util ?? 50}%`,
      loan_status: outcome === "paid" ? "Fully Paid" : "Charged Off",
    }),
  );
  return { ...toLoanProfile(row), id, score };
}

/** Scores 0.45, 0.44, … 0.41: strong matches, "(similarity 0.41–0.45)". */
const strong = (loans: RetrievedProfile[]) => loans.map((l, i) => ({ ...l, score: 0.45 - i * 0.01 }));
/** Scores 0.12 … 0.08, median 0.10: below WEAK_MATCH_MEDIAN. */
const weak = (loans: RetrievedProfile[]) => loans.map((l, i) => ({ ...l, score: 0.12 - i * 0.01 }));

function understood(
  kind: UnderstoodQuestion["kind"],
  facets: QuestionFacets = {},
  rest: Partial<Omit<UnderstoodQuestion, "kind" | "facets">> = {},
): UnderstoodQuestion {
  return { kind, facets, protected: [], mentionsLocation: false, missing: [], ...rest };
}

const advise = (question: string, q: UnderstoodQuestion, profiles: RetrievedProfile[]) =>
  limitTokens(composeAdviceV2(question, q, profiles), MAX_ADVICE_TOKENS).join(" ");

async function collect(stream: AsyncIterable<string>): Promise<{ text: string; chunks: string[] }> {
  const chunks: string[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return { text: chunks.join(""), chunks };
}

/**
 * Three 36-month loans, all repaid (20% of income each), and two 60-month loans, one repaid
 * (15,000 / 50,000 = 30%) and one charged off (15,000 / 45,000 = 33.3%).
 */
const TERMS_MIXED = strong([
  loan(1, "paid", { amount: 10_000, income: 50_000, term: 36 }),
  loan(2, "paid", { amount: 8_000, income: 40_000, term: 36 }),
  loan(3, "paid", { amount: 12_000, income: 60_000, term: 36 }),
  loan(4, "paid", { amount: 15_000, income: 50_000, term: 60 }),
  loan(5, "off", { amount: 15_000, income: 45_000, term: 60 }),
]);

/**
 * Repaid: 10,000/100,000 = 10% at 20% utilization, 6,000/50,000 = 12% at 30%, 14,000/100,000 =
 * 14% at 40% (60 months). Charged off, both 60 months: 15,000/50,000 = 30% at 90%, 13,000/50,000
 * = 26% at 86%.
 */
const PLAN_LOANS = strong([
  loan(1, "paid", { amount: 10_000, income: 100_000, util: 20 }),
  loan(2, "paid", { amount: 6_000, income: 50_000, util: 30 }),
  loan(3, "paid", { amount: 14_000, income: 100_000, util: 40, term: 60 }),
  loan(4, "off", { amount: 15_000, income: 50_000, util: 90, term: 60 }),
  loan(5, "off", { amount: 13_000, income: 50_000, util: 86, term: 60 }),
]);

describe("grounded-v2 is the product's grounded advisor", () => {
  it("identifies itself, with v1 still available beside it", () => {
    const v2 = createGroundedAnalyzer();
    expect(v2.kind).toBe("grounded");
    expect(v2.version).toBe("grounded-v2");
    expect(GROUNDED_VERSION).toBe("grounded-v2");
    expect(createGroundedV1Analyzer().version).toBe("grounded-v1");
  });

  it("streams whole sentences and stops when the signal aborts", async () => {
    const analyzer = createGroundedAnalyzer();
    const { text, chunks } = await collect(
      analyzer.stream({ question: "Can I borrow $12,000?", profiles: PLAN_LOANS, maxTokens: MAX_ADVICE_TOKENS }),
    );
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((chunk) => /[.!?]$/.test(chunk))).toBe(true);
    expect(text).not.toMatch(/AZ|860xx/);

    const controller = new AbortController();
    const received: string[] = [];
    const run = async () => {
      for await (const chunk of analyzer.stream({
        question: "Can I borrow $12,000?",
        profiles: PLAN_LOANS,
        maxTokens: MAX_ADVICE_TOKENS,
        signal: controller.signal,
      })) {
        received.push(chunk);
        controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: "AbortError" });
    expect(received).toHaveLength(1);
  });
});

describe("compare", () => {
  const q = understood("compare", { termsCompared: [36, 60] });

  it("reports what happened at each term and how many loans each figure rests on", () => {
    const text = advise("Should I take 36 or 60 months?", q, TERMS_MIXED);
    expect(text).toContain(
      "Here is how the 5 past loans most like your question (similarity 0.41–0.45) fared at 36 months and 60 months.",
    );
    expect(text).toContain("3 ran 36 months: 3 repaid, 0 charged off.");
    expect(text).toContain("2 ran 60 months: 1 repaid, 1 charged off.");
    // 3/3 repaid at 36 against 1/2 at 60.
    expect(text).toContain(
      "On these loans 36 months fared better (3 of 3 repaid at 36 months against 1 of 2 repaid at 60 months), though 5 loans are a small sample, not a rule.",
    );
    expect(text).toContain("A 60-month term lowers each payment but costs more interest in total.");
  });

  it("says plainly when an option rests on one loan, and draws no conclusion from it", () => {
    // Loan 4 moved to 36 months: four 36-month loans, all repaid, and one charged-off 60-month loan.
    const profiles = TERMS_MIXED.map((p) => (p.id === 4 ? { ...p, fields: { ...p.fields, term: "36 months" } } : p));
    const text = advise("36 or 60 months?", q, profiles);
    expect(text).toContain("4 ran 36 months: 4 repaid, 0 charged off.");
    expect(text).toContain("Only 1 of the 5 ran 60 months (charged off): too few to judge that option.");
    expect(text).toContain("These loans hold too few at 60 months to compare the options");
    expect(text).not.toContain("fared better");
  });

  it("compares amounts by the loans near each, and each as a share of the stated income", () => {
    // $9,000, $10,000 and $12,000 are nearest $10,000 (and within 30% of it); $15,000 and
    // $16,000 nearest $15,000. Repaid shares of income: 20%, 20%, 25%, 20%.
    const profiles = strong([
      loan(1, "paid", { amount: 9_000, income: 45_000 }),
      loan(2, "paid", { amount: 10_000, income: 50_000 }),
      loan(3, "off", { amount: 12_000, income: 40_000 }),
      loan(4, "paid", { amount: 15_000, income: 60_000 }),
      loan(5, "paid", { amount: 16_000, income: 80_000 }),
    ]);
    const text = advise(
      "$10k or $15k on 70k income?",
      understood("compare", { amountsCompared: [10_000, 15_000], income: 70_000 }),
      profiles,
    );
    expect(text).toContain("3 borrowed about $10,000: 2 repaid, 1 charged off.");
    expect(text).toContain("2 borrowed about $15,000: 2 repaid, 0 charged off.");
    // 10,000 / 70,000 = 14.3%; 15,000 / 70,000 = 21.4%.
    expect(text).toContain(
      "Of your stated $70,000 income, $10,000 is 14.3% and $15,000 is 21.4%; the repaid loans borrowed 20%–25% of their income.",
    );
  });

  it("weighs the two terms the past loans ran when a term question names none", () => {
    const text = advise(
      "Shorter or longer term for a $9,000 loan?",
      understood("compare", { amount: 9_000 }, { missing: ["income", "termsCompared"] }),
      TERMS_MIXED,
    );
    expect(text).toContain("fared at 36 months and 60 months.");
    expect(text).toContain("3 ran 36 months: 3 repaid, 0 charged off.");
    expect(text).toContain("Tell me your annual income and the terms you are weighing");
  });

  it("asks for facts instead of comparing on weak matches, still naming the options", () => {
    const text = advise("36 or 60 months?", q, weak(TERMS_MIXED));
    expect(text).toContain(
      "The past loans found are only weakly like your question (median similarity 0.10), so I cannot compare 36 months and 60 months from them.",
    );
    expect(text).toContain(
      "Tell me how much you want to borrow, your annual income and how much of your card limits you use (revolving utilization), and I can compare 36 months and 60 months on loans like yours.",
    );
    expect(text).not.toMatch(/ran 36 months|repaid/);
  });
});

describe("how much", () => {
  /** Repaid: 5,000/50,000 = 10%, 9,600/48,000 = 20%, 15,000/50,000 = 30%; charged off: 40% and 40%. */
  const profiles = strong([
    loan(1, "paid", { amount: 5_000, income: 50_000 }),
    loan(2, "paid", { amount: 9_600, income: 48_000 }),
    loan(3, "paid", { amount: 15_000, income: 50_000 }),
    loan(4, "off", { amount: 16_000, income: 40_000 }),
    loan(5, "off", { amount: 20_000, income: 50_000 }),
  ]);

  it("gives a range from the repaid loans, and what it comes to on the stated income", () => {
    const text = advise("How much can I borrow on $48,000?", understood("how_much", { income: 48_000 }), profiles);
    expect(text).toContain(
      "The 3 repaid loans among the 5 most like your question (similarity 0.41–0.45) borrowed $5,000–$15,000, 10%–30% of their income (median 20%).",
    );
    // 10%, 30% and 20% of $48,000.
    expect(text).toContain(
      "On your stated income of $48,000, those shares come to about $4,800–$14,400 (median $9,600).",
    );
    expect(text).toContain("The 2 charged-off loans borrowed 40% of income.");
    expect(text).not.toContain("how much you want to borrow");
  });

  it("gives the charged-off loans' amounts, and no safe amount, when none was repaid", () => {
    const loans = strong([
      loan(1, "off", { amount: 3_000, income: 38_000 }),
      loan(2, "off", { amount: 13_275, income: 38_000 }),
      loan(3, "off", { amount: 8_000, income: 38_000 }),
    ]);
    const text = advise("How much can I borrow? I earn 38k.", understood("how_much", { income: 38_000 }), loans);
    expect(text).toContain(
      "None of the 3 past loans most like your question (similarity 0.43–0.45) was repaid; they borrowed $3,000–$13,275, so they show no safe amount.",
    );
  });

  it("asks for the missing income instead of a range", () => {
    const text = advise("How much can I borrow?", understood("how_much", {}, { missing: ["income"] }), profiles);
    expect(text).toBe(
      "To suggest an amount I need a little more about your situation. Tell me your annual income, and I can give a range from similar loans that were repaid.",
    );
  });
});

describe("should I", () => {
  it("assesses the stated plan against the repaid loans, presenting their figures as theirs", () => {
    const text = advise(
      "Should I borrow $12,000 over 60 months? Income 50k, utilization 85%.",
      understood("should_i", { amount: 12_000, termMonths: 60, income: 50_000, utilization: 85 }),
      PLAN_LOANS,
    );
    expect(text).toContain(
      "Of the 5 past loans most like your question (similarity 0.41–0.45), 3 were repaid and 2 were charged off.",
    );
    expect(text).toContain(
      "You state borrowing $12,000, a 60-month term, an income of $50,000 a year and 85% revolving utilization.",
    );
    // 12,000 / 50,000 = 24%, above the repaid 10%–14%.
    expect(text).toContain(
      "Your stated amount is 24% of your stated income; the repaid loans borrowed 10%–14%, so a smaller amount would put you in line with them.",
    );
    expect(text).toContain("Your 85% revolving utilization is above the repaid loans' 20%–40%");
    // Loans 3, 4 and 5 ran 60 months; only loan 3 was repaid.
    expect(text).toContain("Of the 3 that ran 60 months, 1 was repaid.");
    expect(text).toContain("I would bring the amount and your utilization in line with the repaid loans");
    expect(estimateTokens(text)).toBeLessThanOrEqual(MAX_ADVICE_TOKENS);
  });

  it("takes a position on a plan within the repaid loans' range: it looks reasonable", () => {
    // 6,000 / 50,000 = 12%, inside 10%–14%.
    const text = advise(
      "Should I borrow $6,000?",
      understood("should_i", { amount: 6_000, income: 50_000 }),
      PLAN_LOANS,
    );
    expect(text).toContain("the repaid loans borrowed 10%–14%, and you are within that range.");
    expect(text).toContain("On these figures the plan looks reasonable: 3 of the 5 similar loans were repaid.");
  });

  it("calls a plan risky when most of the similar loans were charged off", () => {
    // Repaid: 14,000/100,000 = 14%; charged off: 30%, 26%, 26%. 12,000 / 100,000 = 12% is below the repaid one.
    const loans = strong([
      loan(1, "paid", { amount: 14_000, income: 100_000, term: 36 }),
      loan(2, "off", { amount: 15_000, income: 50_000, term: 36 }),
      loan(3, "off", { amount: 13_000, income: 50_000, term: 36 }),
      loan(4, "off", { amount: 13_000, income: 50_000, term: 36 }),
    ]);
    const text = advise(
      "Is $12,000 over 36 months OK?",
      understood("should_i", { amount: 12_000, income: 100_000, termMonths: 36 }),
      loans,
    );
    expect(text).toContain("On these figures the plan looks risky: 3 of the 4 similar loans were charged off.");
  });

  it("compares a stated share with the repaid range as both are shown, to one decimal", () => {
    // 5,000 / 58,000 = 8.62%, shown 8.6%; the repaid loans' highest share is 4,300 / 50,000 = 8.6%.
    const loans = strong([
      loan(1, "paid", { amount: 4_300, income: 50_000 }),
      loan(2, "paid", { amount: 2_600, income: 50_000 }),
      loan(3, "paid", { amount: 3_000, income: 50_000 }),
    ]);
    const text = advise(
      "Should I borrow $5,000 over 36 months?",
      understood("should_i", { amount: 5_000, income: 58_000, termMonths: 36 }),
      loans,
    );
    expect(text).toContain("the repaid loans borrowed 5.2%–8.6%, and you are within that range.");
    expect(text).toContain("looks reasonable");
  });

  it("answers a timing question with what APFA cannot know, and asks for the facts", () => {
    const text = advise(
      "Is now a good time to borrow?",
      understood("should_i", {}, { missing: ["amount", "income", "termMonths"] }),
      PLAN_LOANS,
    );
    expect(text).toMatch(/^APFA has no information on timing or market conditions/);
    expect(text).toContain("Your question does not give enough to judge the plan.");
    expect(text).toContain(
      "Tell me how much you want to borrow, your annual income and the term in months, and I can compare your plan with similar loans.",
    );
    expect(text).not.toMatch(/repaid loans|charged off/);
  });

  it("asks rather than judges when no plan is stated, even if nothing is marked missing", () => {
    const text = advise("Should I borrow?", understood("should_i"), PLAN_LOANS);
    expect(text).toBe(
      "Your question does not give enough to judge the plan. Tell me how much you want to borrow, your annual income and the term in months, and I can compare your plan with similar loans.",
    );
  });

  it("gives no verdict on weak matches even when the question states its facts", () => {
    const text = advise(
      "Should I borrow $12,000 on $50,000?",
      understood("should_i", { amount: 12_000, income: 50_000 }),
      weak(PLAN_LOANS),
    );
    expect(text).toContain("only weakly like your question (median similarity 0.10), so I will not give a verdict");
    expect(text).toContain("You state borrowing $12,000 and an income of $50,000 a year.");
    expect(text).toContain("Tell me the term in months and how much of your card limits you use");
  });
});

describe("will it hurt", () => {
  it("rules out age and marital status, with the ECOA exceptions for age, then says what matters", async () => {
    const { text } = await collect(
      createGroundedAnalyzer().stream({
        question: "I'm a 62-year-old widow, will that hurt my chances?",
        profiles: PLAN_LOANS,
        maxTokens: MAX_ADVICE_TOKENS,
      }),
    );
    const sentences = composeAdviceV2(
      "",
      understood("will_it_hurt", {}, { protected: ["age", "marital_status"] }),
      PLAN_LOANS,
    );
    const advice = limitTokens(sentences, MAX_ADVICE_TOKENS).join(" ");
    expect(advice).toContain(
      "APFA does not use marital status or age in its advice, and under the Equal Credit Opportunity Act (Regulation B) lenders may not discriminate against an applicant on the basis of marital status or age.",
    );
    // 12 CFR 1002.6(b)(2)(i)–(iv).
    expect(advice).toContain("old enough to contract");
    expect(advice).toContain("empirically derived, demonstrably and statistically sound scoring system may use it");
    expect(advice).toContain("may not assign an applicant 62 or older a negative factor or value");
    expect(advice).toContain("only for a pertinent element of creditworthiness, such as time until retirement");
    expect(advice).toContain("may count in favour of an applicant 62 or older");
    expect(advice).toContain("community-property states, and may not be counted against you.");
    // What does matter survives the token limit.
    expect(advice).toContain(WHAT_MATTERS);
    expect(estimateTokens(advice)).toBeLessThanOrEqual(MAX_ADVICE_TOKENS);
    // Naming a characteristic to rule it out is not conditioning on it.
    expect(checkBias(advice).flagged).toBe(false);
    expect(text.length).toBeGreaterThan(0);
  });

  it("says public assistance income counts like any other, and that location is not used", () => {
    const text = advise(
      "I'm on public assistance in Texas, will that hurt?",
      understood("will_it_hurt", {}, { protected: ["public_assistance"], mentionsLocation: true }),
      PLAN_LOANS,
    );
    expect(text).toContain(
      "lenders may not discriminate against an applicant on the basis of public assistance income.",
    );
    expect(text).toContain("Income from public assistance must be counted like other income");
    expect(text).toContain("APFA does not use where you live either");
    expect(text).toContain(WHAT_MATTERS);
  });

  it("names characteristics in the statute's order, whatever order they were asked in", () => {
    const text = advise("", understood("will_it_hurt", {}, { protected: ["age", "religion", "sex"] }), PLAN_LOANS);
    expect(text).toContain("on the basis of religion, sex or age.");
  });

  it("cites the Fair Housing Act, not ECOA, for disability", () => {
    const text = advise(
      "Will my disability hurt my chances?",
      understood("will_it_hurt", {}, { protected: ["disability"] }),
      PLAN_LOANS,
    );
    expect(text).toContain("APFA does not use disability in its advice.");
    expect(text).toContain("the Fair Housing Act bars lenders from discriminating on disability.");
    expect(text).not.toContain("Equal Credit Opportunity Act");
  });

  it("assesses a loan fact the borrower worries about like a plan", () => {
    const text = advise(
      "Will a 60-month term hurt my chances?",
      understood("will_it_hurt", { termMonths: 60, amount: 6_000, income: 50_000 }),
      PLAN_LOANS,
    );
    expect(text).toContain("Of the 3 that ran 60 months, 1 was repaid.");
    expect(text).not.toMatch(/Equal Credit|APFA does not use/);
  });
});

describe("general", () => {
  it("summarizes how the repaid loans differ from the charged-off ones, as their figures", () => {
    const text = advise("What do you think?", understood("general"), PLAN_LOANS);
    expect(text).toContain(
      "The repaid ones borrowed 10%–14% of income and had revolving utilization of 20%–40%; the charged-off ones borrowed 26%–30% of income and had revolving utilization of 86%–90%.",
    );
  });

  it("on weak matches, says so, says what matters and asks", () => {
    const text = advise("What affects approval?", understood("general"), weak(PLAN_LOANS));
    expect(text).toContain("only weakly like your question (median similarity 0.10), so I will not draw conclusions");
    expect(text).toContain(WHAT_MATTERS);
    expect(text).toContain("Tell me how much you want to borrow, your annual income and the term in months");
  });

  it("with nothing retrieved, asks for the facts", () => {
    const text = advise("Hi", understood("general"), []);
    expect(text).toMatch(/^No similar past loans were found, so I will not draw conclusions from them\./);
  });
});

describe("match strength and length", () => {
  it("calls a median similarity below the threshold weak", () => {
    expect(matchStrength([{ score: 0.5 }, { score: 0.1 }, { score: WEAK_MATCH_MEDIAN }]).weak).toBe(false);
    expect(matchStrength([{ score: 0.5 }, { score: 0.1 }, { score: 0.2 }]).weak).toBe(true);
    expect(matchStrength([]).weak).toBe(true);
  });

  it("does not call loans weak that are close on the facts the question states", () => {
    // Text similarity 0.08–0.12, but every loan is at the stated $50,000 income.
    const atIncome = weak([1, 2, 3, 4, 5].map((id) => loan(id, "paid", { amount: 5_000 * id, income: 50_000 })));
    const close = matchStrength(atIncome, { income: 50_000 });
    expect(close).toMatchObject({ closeOnFacts: true, weak: false });
    // A doubling away on income is far; a question stating nothing has nothing to be close on.
    expect(matchStrength(atIncome, { income: 100_000 }).weak).toBe(true);
    expect(matchStrength(atIncome, {}).weak).toBe(true);
    // One fact other than income is not enough to call loans alike.
    expect(matchStrength(atIncome, { amount: 5_000 }).weak).toBe(true);
    const text = advise("How much can I borrow on $50k?", understood("how_much", { income: 50_000 }), atIncome);
    expect(text).toContain(
      "(similarity 0.08–0.12; close on the facts given) were repaid; they borrowed $5,000–$25,000",
    );
  });

  it("asks for facts without figures, so nothing in a request reads as the borrower's", () => {
    for (const kind of ["should_i", "how_much", "general"] as const) {
      const text = advise(
        "Can I get a loan?",
        understood(kind, {}, { missing: ["income", "amount", "termMonths"] }),
        weak(PLAN_LOANS),
      );
      const request = text.split(/(?<=\.) /).find((sentence) => sentence.startsWith("Tell me"));
      expect(request, text).toBeDefined();
      expect(request).not.toMatch(/\d/);
    }
  });

  it("counts numbers and symbols as the tokens they cost", () => {
    // "$", "15", ",", "000", "loan", ".".
    expect(estimateTokens("$15,000 loan.")).toBe(6);
    expect(limitTokens(["One two.", "Three four five."], 6)).toEqual(["One two."]);
    expect(limitTokens(["One two three four five."], 3)).toEqual(["One two three"]);
  });
});

/**
 * Real questions, real corpus loans retrieved by the hashing embedder as the product embeds
 * them, over every kind: advice stays within budget, never names a place, is never flagged, and
 * attributes to the borrower only numbers they stated.
 */
describe("grounded-v2 over real retrievals", () => {
  const CASES: [string, UnderstoodQuestion][] = [
    [
      "I rent, earn $48,000 and want $15,000. Should I take 36 or 60 months?",
      understood("compare", { amount: 15_000, income: 48_000, housing: "rent", termsCompared: [36, 60] }),
    ],
    [
      "$10k or $15k loan with 70k income?",
      understood("compare", { amountsCompared: [10_000, 15_000], income: 70_000 }),
    ],
    ["How much can I borrow on $60,000 a year?", understood("how_much", { income: 60_000 })],
    [
      "I rent and my card utilization is 85%. Should I borrow $12,000 over 60 months on 50k income?",
      understood("should_i", { housing: "rent", utilization: 85, amount: 12_000, termMonths: 60, income: 50_000 }),
    ],
    ["Is now a good time to borrow?", understood("should_i", {}, { missing: ["amount", "income", "termMonths"] })],
    [
      "homeowner with a mortgage, 60 months, $90,000 income",
      understood("general", { housing: "mortgage", termMonths: 60, income: 90_000 }),
    ],
    ["What affects approval?", understood("general")],
    [
      "I earn $42,000 a year and want to borrow $8,000 over 36 months. Will a 36-month term hurt?",
      understood("will_it_hurt", { income: 42_000, amount: 8_000, termMonths: 36 }),
    ],
  ];
  let retrieve: (question: string) => Promise<RetrievedProfile[]>;

  beforeAll(async () => {
    const loans: RetrievedProfile[] = [];
    for await (const row of readRows(SHIPPED_CORPUS)) {
      if (!("record" in row)) continue;
      const parsed = loanRowSchema.safeParse(row.record);
      if (parsed.success) loans.push({ ...toLoanProfile(parsed.data), id: row.line, score: 0 });
    }
    const embedder = createHashEmbedder();
    const vectors = await embedder.embed(loans.map((l) => l.text));
    retrieve = async (question) => {
      const [q] = await embedder.embed([question]);
      const dot = (v: Float32Array) => v.reduce((sum, x, i) => sum + x * q![i]!, 0);
      return vectors
        .map((v, i) => ({ ...loans[i]!, score: dot(v) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 5);
    };
  }, 120_000);

  /** Numbers the borrower gave, and arithmetic on them (their amount as a share of their income). */
  function statedNumbers(f: QuestionFacets): number[] {
    const amounts = [f.amount, ...(f.amountsCompared ?? [])].filter((a): a is number => a !== undefined);
    return [
      ...amounts,
      ...[f.income, f.utilization, f.dti, f.creditScore].filter((n): n is number => n !== undefined),
      ...(f.income ? amounts.map((a) => Math.round((a / f.income!) * 1000) / 10) : []),
    ];
  }

  it.each(CASES)("%s", async (question, q) => {
    const profiles = await retrieve(question);
    const text = advise(question, q, profiles);
    expect(estimateTokens(text)).toBeLessThanOrEqual(MAX_ADVICE_TOKENS);
    expect(text).not.toMatch(/\d{3}xx/);
    for (const state of STATES) expect(text, `state ${state} in: ${text}`).not.toMatch(new RegExp(`\\b${state}\\b`));
    expect(checkBias(text).score, text).toBe(0);
    // The first number after "you"/"your" in a clause is one the borrower stated.
    const stated = statedNumbers(q.facets);
    for (const clause of text.split(/[.;]\s/)) {
      const attributed = /\byour?\b[^$%\d]*?(\$[\d,]+|\d+(?:\.\d+)?%)/i.exec(clause);
      if (!attributed) continue;
      const value = Number(attributed[1]!.replace(/[$,%]/g, ""));
      expect(stated, `"${attributed[1]}" in: ${clause}`).toContain(value);
    }
  });
});

/**
 * These pass once the real understandQuestion (server/question) lands: they give the analyzer
 * only the question text, as the product does. With the first-cut stub every question is
 * "general", so they fail until then.
 */
describe("grounded-v2 end to end with the real understandQuestion", () => {
  const ask = async (question: string, profiles = TERMS_MIXED) =>
    (await collect(createGroundedAnalyzer().stream({ question, profiles, maxTokens: MAX_ADVICE_TOKENS }))).text;

  it("compares 36 and 60 months when asked to", async () => {
    const text = await ask("I earn $48,000 and rent. Should I take my $15,000 loan over 36 or 60 months?");
    expect(text).toContain("3 ran 36 months: 3 repaid, 0 charged off.");
    expect(text).toContain("2 ran 60 months: 1 repaid, 1 charged off.");
  });

  it("says it knows nothing of timing and asks for facts", async () => {
    const text = await ask("Is now a good time to borrow?");
    expect(text).toMatch(/^APFA has no information on timing/);
    expect(text).toContain("Tell me");
  });

  it("answers the 62-year-old widow with the law on age and marital status", async () => {
    const text = await ask("I'm a 62-year-old widow, will that hurt my chances?");
    expect(text).toContain("APFA does not use marital status or age in its advice");
    expect(text).toContain("Equal Credit Opportunity Act (Regulation B)");
    expect(text).toContain("62 or older a negative factor or value");
    expect(text).toContain(WHAT_MATTERS);
  });

  it("gives a range for how much, on the stated income", async () => {
    const text = await ask("How much can I borrow? I make $60,000 a year.", PLAN_LOANS);
    expect(text).toContain("On your stated income of $60,000");
  });

  it("says public assistance income counts", async () => {
    const text = await ask("I receive public assistance. Will that hurt my chances of getting a loan?");
    expect(text).toContain("Income from public assistance must be counted like other income");
  });
});
