import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api";

type AuditsOutputs = inferRouterOutputs<AppRouter>["fairnessAudits"];

export type BlindReviewPage = AuditsOutputs["blindPair"];
export type BlindPair = NonNullable<BlindReviewPage["pair"]>;
export type RevealedPair = AuditsOutputs["judgePair"];
export type PairAgreementReport = AuditsOutputs["pairAgreement"];
export type AgreementFigures = PairAgreementReport["overall"];
export type AuditAgreement = PairAgreementReport["audits"][number];
export type Verdict = RevealedPair["mine"]["verdict"];

export const VERDICT_LABELS: Record<Verdict, string> = {
  material: "Material difference",
  "not-material": "No material difference",
};
