/** Borrower-style questions the benchmarks cycle through. */
export const QUESTIONS = [
  "renter in CA with high revolving utilization",
  "homeowner with a mortgage, 60 months, high income",
  "I rent, earn $45,000 and want $15,000 over 36 months to pay off cards",
  "low income borrower with past delinquencies asking for a small loan",
  "Should a homeowner with 10+ years of employment take a 60 month loan?",
  "my card utilization is 95% and I have 2 inquiries in 6 months",
  "self employed, $120k income, $30,000 loan for 36 months",
  "is a $5,000 loan over 36 months safe with moderate utilization?",
];
