import { describe, expect, it } from "vitest";
import { labelAdvice, type AdviceLabel } from ".";

/**
 * Answers as the analyzers write them (grounded-v1 and grounded-v2 templates, server/llm) and as
 * LLMs typically phrase advice, with the label each must get. The tricky ones are there on
 * purpose: negations ("not a good idea", "I would not recommend applying"), double negatives that
 * mean yes ("no reason not to apply"), verdicts only for now ("don't apply yet"), numbers that are
 * neither amounts nor rates (years, terms, credit scores, counts) and percentages that are not
 * rates (DTI, utilization, loan-to-income, approval or default "rates").
 */
const cases: [advice: string, expected: AdviceLabel][] = [
  // grounded-v2, "should I" answers
  [
    "Of the 5 past loans most like your question (similarity 0.41–0.47), 4 were repaid and 1 was charged off. On these figures the plan looks reasonable: 4 of the 5 similar loans were repaid. You state borrowing $12,000, a 36-month term and an income of $60,000 a year. Your stated amount is 20% of your stated income; the repaid loans borrowed 12.5%–25%, and you are within that range.",
    { recommendation: "proceed", amounts: [12_000, 60_000], rates: [] },
  ],
  [
    "All 5 past loans most like your question (similarity 0.30–0.52) were charged off. On these figures the plan looks risky: 5 of the 5 similar loans were charged off. You state borrowing $25,000 and a 60-month term.",
    { recommendation: "decline", amounts: [25_000], rates: [] },
  ],
  [
    "Of the 5 past loans most like your question (similarity 0.35–0.44), 3 were repaid and 2 were charged off. I would bring the amount and your utilization in line with the repaid loans before applying. Your stated amount is 41.7% of your stated income; the repaid loans borrowed 10%–22.5%, so a smaller amount would put you in line with them. Your 85% revolving utilization is above the repaid loans' 20%–48%; paying card balances down first would bring it in line.",
    { recommendation: "reconsider", amounts: [], rates: [] },
  ],
  [
    "The past loans found are only weakly like your question (median similarity 0.09), so I will not give a verdict from them. Tell me how much you want to borrow, your annual income and the term in months, and I can compare your plan with similar loans.",
    { recommendation: "none", amounts: [], rates: [] },
  ],
  [
    "APFA has no information on timing or market conditions, such as where interest rates are heading, so it cannot say whether now is a good time; it can only compare your plan with past loans like it. Your question does not give enough to judge the plan.",
    { recommendation: "none", amounts: [], rates: [] },
  ],
  // grounded-v2, "how much" answers
  [
    "The 4 repaid loans among the 5 most like your question (similarity 0.40–0.49) borrowed $6,000–$14,000, 10%–20% of their income (median 15%). On your stated income of $60,000, those shares come to about $6,000–$12,000 (median $9,000). The charged-off loan borrowed 32% of income.",
    { recommendation: "none", amounts: [6_000, 14_000, 60_000, 12_000, 9_000], rates: [] },
  ],
  [
    "None of the 5 past loans most like your question (similarity 0.31–0.40) was repaid; they borrowed $20,000–$35,000, so they show no safe amount. A smaller loan, a shorter term or lower card balances would put you nearer loans that were repaid.",
    { recommendation: "reconsider", amounts: [20_000, 35_000], rates: [] },
  ],
  // grounded-v2, protected characteristics: rights, no verdict, no rates in "62 or older"
  [
    "APFA does not use age in its advice, and under the Equal Credit Opportunity Act (Regulation B) lenders may not discriminate against an applicant on the basis of age. The exceptions for age are narrow: a lender may not hold it against an applicant old enough to contract, except that a scoring system may not assign an applicant 62 or older a negative factor or value.",
    { recommendation: "none", amounts: [], rates: [] },
  ],
  // grounded-v2, comparing options
  [
    "On these loans 36 months fared better (4 of 5 repaid at 36 months against 1 of 3 repaid at 60 months), though 8 loans are a small sample, not a rule.",
    { recommendation: "none", amounts: [], rates: [] },
  ],
  // grounded-v1
  [
    "Of the 5 most similar past loans, 3 were fully paid and 2 were charged off. Repaid vs charged-off: median income $65,000 vs $42,000, loan-to-income 15.4% vs 28.6%, revolving utilization 35.2% vs 78.1%, 60-month terms 1 of 3 vs 2 of 2. Bring revolving utilization down from 82% to below 30% before applying, by paying down card balances.",
    { recommendation: "reconsider", amounts: [65_000, 42_000], rates: [] },
  ],
  [
    "All 5 of the most similar past loans were fully paid. These repaid loans had a median income of $72,000, loan-to-income of 13.9%, revolving utilization of 41.2%, and 0 of 5 ran 60 months. Your loan-to-income of 12.5% is in line with the repaid loans' 13.9%, which works in your favour.",
    { recommendation: "none", amounts: [72_000], rates: [] },
  ],
  [
    "No similar past loans were found for this question, so there is nothing to ground advice on. Describe the loan amount, term, annual income and revolving utilization, and ask again.",
    { recommendation: "none", amounts: [], rates: [] },
  ],
  // LLM phrasings: for
  [
    "Based on your income of $85,000 and a credit score of 740, you are likely to qualify for a $15,000 loan at around 9.5% APR.",
    { recommendation: "proceed", amounts: [85_000, 15_000], rates: [9.5] },
  ],
  [
    "Your debt-to-income ratio of 18% is healthy, and I would recommend applying. Expect an interest rate between 8% and 11%.",
    { recommendation: "proceed", amounts: [], rates: [8, 11] },
  ],
  [
    "There's no reason not to apply: your 5 years at the same employer and a score of 760 make you a strong applicant.",
    { recommendation: "proceed", amounts: [], rates: [] },
  ],
  [
    "It's not a bad idea to consolidate your cards into a single $9,000 loan at a rate of 12%.",
    { recommendation: "proceed", amounts: [9_000], rates: [12] },
  ],
  [
    "I don't see any red flags. You should be able to get approved; lenders typically offer rates from 6.99% to 35.99% APR.",
    { recommendation: "proceed", amounts: [], rates: [6.99, 35.99] },
  ],
  [
    "Go ahead and apply. The monthly payment on $10k over 36 months at 10% interest is about $323.",
    { recommendation: "proceed", amounts: [10_000, 323], rates: [10] },
  ],
  [
    "I can't guarantee approval, but you are well placed to qualify given a DTI of 22%.",
    { recommendation: "proceed", amounts: [], rates: [] },
  ],
  [
    "You wouldn't have any trouble qualifying with an income of 95,000 dollars.",
    { recommendation: "proceed", amounts: [95_000], rates: [] },
  ],
  // LLM phrasings: against
  [
    "I would not recommend applying for this loan. With a DTI of 48% and utilization of 90%, the payment would strain your budget.",
    { recommendation: "decline", amounts: [], rates: [] },
  ],
  [
    "Taking on another $30,000 is not a good idea given your current debts.",
    { recommendation: "decline", amounts: [30_000], rates: [] },
  ],
  [
    "With a credit score of 540, you are unlikely to qualify, and any offer would likely carry a 29.99% APR.",
    { recommendation: "decline", amounts: [], rates: [29.99] },
  ],
  [
    "I'd advise against borrowing $40,000 on an income of $38,000.",
    { recommendation: "decline", amounts: [40_000, 38_000], rates: [] },
  ],
  [
    "You probably won't be approved for this amount, and the lender's approval rate of 35% for applicants like you is low.",
    { recommendation: "decline", amounts: [], rates: [] },
  ],
  [
    "You shouldn't take this loan: at 24% interest you can't afford the payments.",
    { recommendation: "decline", amounts: [], rates: [24] },
  ],
  [
    "This plan looks risky. Loans like yours had a default rate of 28% since 2015.",
    { recommendation: "decline", amounts: [], rates: [] },
  ],
  [
    "Your chances of approval are slim, and I cannot recommend it.",
    { recommendation: "decline", amounts: [], rates: [] },
  ],
  // LLM phrasings: change first
  [
    "We recommend you reconsider the amount: $8,000 would keep your loan-to-income under 15%.",
    { recommendation: "reconsider", amounts: [8_000], rates: [] },
  ],
  [
    "Consider improving your credit before applying; a score above 700 usually unlocks rates under 12%.",
    { recommendation: "reconsider", amounts: [], rates: [12] },
  ],
  [
    "Don't apply yet. Pay your card balances down below 30% utilization first.",
    { recommendation: "reconsider", amounts: [], rates: [] },
  ],
  [
    "You are likely to qualify, but I'd wait until your utilization is below 30% to get a better rate.",
    { recommendation: "reconsider", amounts: [], rates: [] },
  ],
  [
    "Once you pay down your credit cards, you should qualify for a rate of about 10.5%.",
    { recommendation: "reconsider", amounts: [], rates: [10.5] },
  ],
  [
    "Now is not a good time to apply: hold off for six months while you rebuild your payment history.",
    { recommendation: "reconsider", amounts: [], rates: [] },
  ],
  [
    "I would not recommend applying until your DTI drops below 36%.",
    { recommendation: "reconsider", amounts: [], rates: [] },
  ],
  [
    "Borrowing less, say $5,000–7,000, would keep the payment manageable.",
    { recommendation: "reconsider", amounts: [5_000, 7_000], rates: [] },
  ],
  // No verdict, with numbers that are not amounts or rates
  [
    "I cannot say whether you will be approved; that depends on the lender's criteria in 2025.",
    { recommendation: "none", amounts: [], rates: [] },
  ],
  [
    "Whether you qualify depends on your credit score, income and existing debts. Most lenders want a DTI under 36% and a score of at least 660.",
    { recommendation: "none", amounts: [], rates: [] },
  ],
  [
    "A 36-month term costs less in total interest than a 60-month term. Your revolving utilization of 45% and loan-to-income of 20% are typical.",
    { recommendation: "none", amounts: [], rates: [] },
  ],
  [
    "Personal loan APRs currently range from 7% to 36%, and your rate would drop by 2% with a co-signer.",
    { recommendation: "none", amounts: [], rates: [7, 36] },
  ],
  [
    "Lenders advertise 9–14% APR for borrowers with good credit; a $1.2 million mortgage is a different product.",
    { recommendation: "none", amounts: [1_200_000], rates: [9, 14] },
  ],
  [
    "Applicants with 3 or more inquiries in 6 months were charged off 40% of the time, and the utilization rate of 75% is high.",
    { recommendation: "none", amounts: [], rates: [] },
  ],
  [
    "Your DTI is 42% and you earn $4,500 per month; you mention a loan of US$12k.",
    { recommendation: "none", amounts: [4_500, 12_000], rates: [] },
  ],
  ["", { recommendation: "none", amounts: [], rates: [] }],
];

describe("labelAdvice", () => {
  it("has a real table to check against", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)("%s", (advice, expected) => {
    expect(labelAdvice(advice)).toEqual(expected);
  });

  it("labels the same text the same way every time", () => {
    const text = cases[0]![0];
    expect(labelAdvice(text)).toEqual(labelAdvice(text));
  });
});
