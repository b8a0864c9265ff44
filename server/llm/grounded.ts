import type { RetrievedProfile } from "../rag";
import type { Analyzer, AnalyzerInput } from "./analyzer";
import { estimateTokens } from "./grounded-v2/length";
import { metered } from "./metered";
import { parseQuestion, type QuestionFacts } from "../question";

/**
 * The advisor used when no LLM is configured: deterministic advice composed from the retrieved
 * loans (outcomes, and how the repaid loans differ from the charged-off ones) and the numbers the
 * question states. It reads only financial fields, never housing location or anything protected,
 * so what it writes cannot condition on them.
 */

export const GROUNDED_VERSION = "grounded-v1";

const number = (value: unknown): number | null => {
  if (value === null || value === undefined || value === "") return null;
  const parsed = typeof value === "number" ? value : Number(String(value).replace(/[%,$\s]/g, ""));
  return Number.isFinite(parsed) ? parsed : null;
};

function median(values: (number | null)[]): number | null {
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function mean(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
}

const round1 = (value: number) => Math.round(value * 10) / 10;
/** "an $8,000 loan", "a $12,000 loan": the article goes by how the amount is spoken. */
const article = (amount: string) => (/^\$(8|11|18)(,\d{3})?$|^\$8/.test(amount) ? "an" : "a");
const dollars = (value: number) => `$${Math.round(value).toLocaleString("en-US")}`;
const pct = (value: number) => `${Math.round(value * 10) / 10}%`;

interface Group {
  size: number;
  income: number | null;
  loanToIncome: number | null;
  utilization: number | null;
  sixtyMonth: number;
  delinquent: number;
  inquiries: number | null;
  amount: number | null;
}

function summarize(profiles: RetrievedProfile[]): Group {
  const f = (key: string) => profiles.map((p) => number(p.fields[key]));
  const loanToIncome = profiles.map((p) => {
    const stored = number(p.fields.loan_to_income_pct);
    if (stored !== null) return stored;
    const amount = number(p.fields.loan_amnt);
    const income = number(p.fields.annual_inc);
    return amount !== null && income ? (amount / income) * 100 : null;
  });
  return {
    size: profiles.length,
    income: median(f("annual_inc")),
    loanToIncome: median(loanToIncome),
    utilization: median(f("revol_util")),
    sixtyMonth: profiles.filter((p) => String(p.fields.term ?? "").startsWith("60")).length,
    delinquent: profiles.filter((p) => (number(p.fields.delinq_2yrs) ?? 0) + (number(p.fields.pub_rec) ?? 0) > 0)
      .length,
    inquiries: mean(f("inq_last_6mths")),
    amount: median(f("loan_amnt")),
  };
}

/** "the charged-off loan" / "2 of the 3 charged-off loans": the subject of a sentence, k ≥ 1. */
const subject = (k: number, n: number, kind: string) =>
  n === 1 ? `the ${kind} loan` : `${k} of the ${n} ${kind} loans`;
/** "1 of 4 repaid": the other side of a comparison. */
const against = (k: number, n: number, kind: string) => `${k} of ${n} ${kind}`;

function outcomeSentence(total: number, paid: number, off: number): string {
  if (total === 1) return `The most similar past loan was ${paid === 1 ? "fully paid" : "charged off"}.`;
  const was = (n: number) => (n === 1 ? "was" : "were");
  if (off === 0) return `All ${total} of the most similar past loans were fully paid.`;
  if (paid === 0) return `All ${total} of the most similar past loans were charged off.`;
  return `Of the ${total} most similar past loans, ${paid} ${was(paid)} fully paid and ${off} ${was(off)} charged off.`;
}

function profileSentence(group: Group, outcome: string): string | null {
  const parts = [
    group.income !== null ? `a median income of ${dollars(group.income)}` : null,
    group.loanToIncome !== null ? `loan-to-income of ${pct(group.loanToIncome)}` : null,
    group.utilization !== null ? `revolving utilization of ${pct(group.utilization)}` : null,
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return `These ${outcome} loans had ${parts.join(", ")}, and ${group.sixtyMonth} of ${group.size} ran 60 months.`;
}

function questionSentence(q: QuestionFacts): string | null {
  const parts = [
    q.amount !== undefined ? `${article(dollars(q.amount))} ${dollars(q.amount)} loan` : null,
    q.termMonths !== undefined ? `a ${q.termMonths}-month term` : null,
    q.utilization !== undefined ? `${pct(q.utilization)} revolving utilization` : null,
    q.income !== undefined ? `${dollars(q.income)} annual income` : null,
  ].filter(Boolean);
  if (parts.length === 0) return null;
  const lti = q.amount !== undefined && q.income ? ` (a loan-to-income of ${pct((q.amount / q.income) * 100)})` : "";
  return `You mention ${parts.join(", ")}${lti}.`;
}

function suggestions(q: QuestionFacts, all: Group, paid: Group | null, off: Group | null): string[] {
  const out: string[] = [];
  const target = paid ?? all;

  const utilization = q.utilization ?? null;
  if (utilization !== null && utilization > 70) {
    out.push(
      `Bring revolving utilization down from ${pct(utilization)} to below 30% before applying, by paying down card balances.`,
    );
  } else if (off?.utilization != null && paid?.utilization != null && off.utilization - paid.utilization >= 10) {
    out.push(
      `Keep revolving utilization at or below the repaid loans' ${pct(paid.utilization)}; the charged-off ones ran ${pct(off.utilization)}.`,
    );
  } else if (
    utilization === null &&
    all.utilization !== null &&
    all.utilization > 70 &&
    !(off?.utilization != null && paid?.utilization != null && off.utilization < paid.utilization)
  ) {
    out.push(
      `Utilization is high across these loans (${pct(all.utilization)}); paying balances below 30% strengthens an application.`,
    );
  }

  const offSixty = off ? off.sixtyMonth / off.size : 0;
  const paidSixty = paid ? paid.sixtyMonth / paid.size : 0;
  const termEvidence =
    off && offSixty > paidSixty
      ? `${subject(off.sixtyMonth, off.size, "charged-off")} ran 60 months, against ${against(paid?.sixtyMonth ?? 0, paid?.size ?? 0, "repaid")}`
      : null;
  if (termEvidence) {
    out.push(
      `${q.termMonths === 60 ? "Consider 36 months instead of 60" : "Prefer a 36-month term"}: ${termEvidence}.`,
    );
  } else if (q.termMonths === 60 && all.sixtyMonth === 0) {
    out.push(
      "None of these similar loans ran 60 months; a 36-month term keeps you in line with them and costs less interest overall.",
    );
  }

  if (q.amount !== undefined && q.income && target.loanToIncome !== null) {
    const lti = (q.amount / q.income) * 100;
    if (lti > target.loanToIncome * 1.1) {
      const fit = (target.loanToIncome / 100) * q.income;
      out.push(
        `At ${dollars(q.income)} income, the repaid loans' ${pct(target.loanToIncome)} loan-to-income means borrowing about ${dollars(fit)} rather than ${dollars(q.amount)}.`,
      );
    } else if (paid) {
      out.push(
        `Your loan-to-income of ${pct(lti)} is in line with the repaid loans' ${pct(target.loanToIncome)}, which works in your favour.`,
      );
    }
  } else if (off?.loanToIncome != null && paid?.loanToIncome != null && off.loanToIncome > paid.loanToIncome * 1.1) {
    out.push(
      `Aim to borrow no more than about ${pct(paid.loanToIncome)} of your annual income, as the repaid loans did (the charged-off ones borrowed ${pct(off.loanToIncome)}).`,
    );
  }

  if (off?.inquiries != null && paid?.inquiries != null && off.inquiries - paid.inquiries >= 1) {
    out.push(
      `Avoid new credit applications before this one: the charged-off loans averaged ${round1(off.inquiries)} inquiries in 6 months, the repaid ones ${round1(paid.inquiries)}.`,
    );
  }
  if (off && paid && off.delinquent / off.size > paid.delinquent / paid.size) {
    out.push(
      `Keep every payment on time: ${subject(off.delinquent, off.size, "charged-off")} had delinquencies or public records, against ${against(paid.delinquent, paid.size, "repaid")}.`,
    );
  }
  if (out.length === 0) {
    out.push(
      off === null
        ? "Loans like this one were repaid: keeping utilization, loan-to-income and the term where they are is the safest course."
        : "Track the numbers above: the repaid loans stand out on them, so moving toward their values is the clearest step.",
    );
  }
  return out;
}

/** The advice as sentences, most important first. */
export function composeAdvice(question: string, profiles: RetrievedProfile[]): string[] {
  const q = parseQuestion(question);
  if (profiles.length === 0) {
    return [
      "No similar past loans were found for this question, so there is nothing to ground advice on.",
      "Describe the loan amount, term, annual income and revolving utilization, and ask again.",
    ];
  }
  const paidProfiles = profiles.filter((p) => p.outcome === "fully_paid");
  const offProfiles = profiles.filter((p) => p.outcome === "charged_off");
  const all = summarize(profiles);
  const paid = paidProfiles.length > 0 ? summarize(paidProfiles) : null;
  const off = offProfiles.length > 0 ? summarize(offProfiles) : null;

  const sentences = [outcomeSentence(profiles.length, paidProfiles.length, offProfiles.length)];
  if (paid && off) {
    const comparisons = [
      paid.income !== null && off.income !== null
        ? `median income ${dollars(paid.income)} vs ${dollars(off.income)}`
        : null,
      paid.loanToIncome !== null && off.loanToIncome !== null
        ? `loan-to-income ${pct(paid.loanToIncome)} vs ${pct(off.loanToIncome)}`
        : null,
      paid.utilization !== null && off.utilization !== null
        ? `revolving utilization ${pct(paid.utilization)} vs ${pct(off.utilization)}`
        : null,
      `60-month terms ${paid.sixtyMonth} of ${paid.size} vs ${off.sixtyMonth} of ${off.size}`,
    ].filter(Boolean);
    sentences.push(`Repaid vs charged-off: ${comparisons.join(", ")}.`);
  } else {
    const sentence = profileSentence(all, paid ? "repaid" : "charged-off");
    if (sentence) sentences.push(sentence);
  }
  const asked = questionSentence(q);
  if (asked) sentences.push(asked);
  return [...sentences, ...suggestions(q, all, paid, off)];
}

/** Whole sentences while they fit in `maxWords`; a first sentence that does not fit is cut. */
export function limitWords(sentences: string[], maxWords: number): string[] {
  const words: string[] = [];
  for (const sentence of sentences) {
    const next = sentence.split(/\s+/).filter(Boolean);
    if (words.length + next.length > maxWords) {
      if (words.length === 0) words.push(...next.slice(0, maxWords));
      break;
    }
    words.push(...next);
  }
  return words;
}

export function createGroundedAnalyzer(): Analyzer {
  return metered(analyzer(), estimateTokens);
}

function analyzer(): Analyzer {
  return {
    kind: "grounded",
    version: GROUNDED_VERSION,
    async *stream({ question, profiles, maxTokens, signal }: AnalyzerInput) {
      signal?.throwIfAborted();
      const text = limitWords(composeAdvice(question, profiles), Math.max(1, maxTokens)).join(" ");
      // The advice is composed whole and at once, so it streams a sentence at a time with no
      // pauses: yielding to the event loop between chunks only made each answer wait behind
      // every other request under load. An abort is still honoured between sentences.
      const sentences = text.match(/[^.!?]+[.!?]*\s*/g) ?? [text];
      for (const sentence of sentences) {
        signal?.throwIfAborted();
        yield sentence;
      }
    },
  };
}
