/**
 * Whether a question asks about timing ("is now a good time to borrow?", "should I wait for
 * rates to drop?"). Past loans say nothing about when to borrow, and APFA has no market data,
 * so such questions get that said plainly rather than a verdict dressed up as one.
 */
const TIMING =
  /\b(right now|now a good|now the|good time|right time|best time|bad time|wait(ing)? (for|until|till|a)|this (year|month)|next (year|month)|the market|economy|rates? (to )?(go|going|drop|fall|rise|come)|interest rates? (now|today|these days)|timing)\b/i;

export const asksAboutTiming = (question: string) => TIMING.test(question);

export const TIMING_SENTENCE =
  "APFA has no information on timing or market conditions, such as where interest rates are heading, so it cannot say whether now is a good time; it can only compare your plan with past loans like it.";
