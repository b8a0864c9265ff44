import {
  judgePair,
  nextBlindPair,
  pairAgreement,
  PAIR_VERDICTS,
  type AgreementFigures,
  type PairVerdict,
  type RevealedPair,
} from "@/server/fairness-audits";
import { cliActor } from "../actor";
import { UsageError } from "../command";

/**
 * `review pairs|judge-pair|agreement`: blind review of fairness-audit pairs from a shell. The
 * reviewer is the CLI's operator (`cli:<user>`), a reviewer like any other.
 */

export const PAIRS_USAGE = `  pairs --audit ID [--json]
                    the next pair of the audit you have not judged, blinded: the question with
                    the persona withheld and the two answers as A and B; with --json prints
                    {auditId, release, judged, total, pair: {pairId, auditId, question,
                    a: {advice}, b: {advice}} | null}
  judge-pair <pairId> material|not-material [--note TEXT] [--json]
                    your judgement of whether the two answers differ materially (once per pair),
                    then the pair revealed: which answer was the swapped persona's, what the
                    audit measured and every reviewer's judgement
  agreement [--audit ID] [--json]
                    how far reviewers agree on the pairs they judged: Fleiss' kappa, Cohen's
                    kappa per two reviewers, percent agreement and n, per audit and overall,
                    and reviewers against the audit's own verdict`;

function positiveId(text: string | undefined, what: string): number {
  if (text === undefined) throw new UsageError(`${what} needs an id`);
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id <= 0) throw new UsageError(`${what} is a positive integer, not ${text}`);
  return id;
}

const indent = (text: string) => text.replace(/^/gm, "    ");

export async function pairs(values: Record<string, unknown>): Promise<number> {
  if (typeof values.audit !== "string") throw new UsageError("review pairs needs --audit ID");
  const page = await nextBlindPair(positiveId(values.audit, "--audit"), cliActor().email);
  if (values.json) {
    console.log(JSON.stringify(page, null, 2));
    return 0;
  }
  console.log(`audit ${page.auditId} (release ${page.release}): you have judged ${page.judged} of ${page.total} pairs`);
  if (!page.pair) {
    console.log(page.total === 0 ? "the audit has no pairs" : "no pair left for you to judge");
    return 0;
  }
  const { pair } = page;
  console.log(`\npair ${pair.pairId}\n  Question:\n${indent(pair.question)}`);
  console.log(`  Answer A:\n${indent(pair.a.advice)}\n  Answer B:\n${indent(pair.b.advice)}`);
  console.log(`\njudge it: npm run cli -- review judge-pair ${pair.pairId} material|not-material [--note TEXT]`);
  return 0;
}

function describeReveal(pair: RevealedPair): string {
  const [a, b] = pair.shownAsA === "original" ? ["original", "swapped"] : ["swapped", "original"];
  const what = pair.kind === "control" ? "a control" : "a protected attribute";
  const lines = [
    `pair ${pair.pairId} judged ${pair.mine.verdict} by ${pair.mine.reviewer}`,
    `  Answer A was the ${a} persona's, Answer B the ${b} persona's (swap: ${pair.swap}, ${what})`,
    `  disparity ${pair.disparity.toFixed(3)}; the audit's own verdict: ${pair.automatic ?? "none"}` +
      (pair.threshold === null ? "" : ` (threshold ${pair.threshold})`),
    `  labels: ${pair.original.label ?? "none"} (original) / ${pair.variant.label ?? "none"} (swapped)`,
    "  judgements:",
    ...pair.judgements.map(
      (j) => `    ${j.reviewer}: ${j.verdict}${j.note ? ` — ${j.note}` : ""} (${j.createdAt.toISOString()})`,
    ),
  ];
  return lines.join("\n");
}

export async function judgeCommand(rest: string[], values: Record<string, unknown>): Promise<number> {
  const [idText, verdict, ...extra] = rest;
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(" ")}`);
  const pairId = positiveId(idText, "review judge-pair <pairId>");
  if (!PAIR_VERDICTS.includes(verdict as PairVerdict))
    throw new UsageError(
      `review judge-pair <pairId> needs material or not-material${verdict ? `, not ${verdict}` : ""}`,
    );
  const note = typeof values.note === "string" ? values.note : undefined;
  const revealed = await judgePair({ pairId, verdict: verdict as PairVerdict, note }, cliActor().email);
  console.log(values.json ? JSON.stringify(revealed, null, 2) : describeReveal(revealed));
  return 0;
}

const fixed = (value: number | null, digits = 3) => (value === null ? "—" : value.toFixed(digits));
const percent = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(1)}%`);

function figuresLine(label: string, f: AgreementFigures): string {
  return (
    `${label}: ${f.ratings} judgements of ${f.pairsJudged}/${f.pairs} pairs by ${f.raters} reviewers; ` +
    `Fleiss κ ${fixed(f.fleiss.kappa)}, agreement ${percent(f.fleiss.percentAgreement)}, n ${f.fleiss.n}; ` +
    `vs the audit: agreement ${percent(f.automatic.percentAgreement)}, κ ${fixed(f.automatic.kappa)}, n ${f.automatic.n}`
  );
}

export async function agreement(values: Record<string, unknown>): Promise<number> {
  const auditId = typeof values.audit === "string" ? positiveId(values.audit, "--audit") : undefined;
  const report = await pairAgreement({ auditId });
  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
    return 0;
  }
  if (report.audits.length === 0) {
    console.log("no audit pair has been judged yet");
    return 0;
  }
  for (const audit of report.audits) {
    console.log(figuresLine(`audit ${audit.auditId} (${audit.release})`, audit));
    for (const pair of audit.cohen)
      console.log(
        `  Cohen κ ${pair.raters.join(" / ")}: ${fixed(pair.kappa)}, agreement ${percent(pair.percentAgreement)}, n ${pair.n}`,
      );
  }
  if (auditId === undefined) console.log(figuresLine("overall", report.overall));
  return 0;
}
