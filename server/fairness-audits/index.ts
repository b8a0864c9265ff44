/**
 * The fairness-audits domain's face: counterfactual audits of a release (server/fairness has the
 * audit set, the variants and the scoring; this domain answers them with the release, stores every
 * pair and the verdict, and is what the release's fairness gate reads), and reviewers' blind
 * judgements of those pairs with how far they agree.
 */
export { AlreadyClaimed, runFairnessAudit, type AuditRow } from "./run";
export {
  ensureFairnessAudit,
  latestAuditOf,
  queueMissingAudits,
  requestFairnessAudit,
  runFairnessAuditNow,
  runOrWaitFor,
  waitForFairnessAudit,
} from "./request";
export { auditPairs, getFairnessAudit, listFairnessAudits } from "./views";
export {
  fairnessAuditPairs,
  fairnessAudits,
  fairnessPairJudgements,
  PAIR_VERDICTS,
  type AuditStatus,
  type PairVerdict,
  type StoredAuditAnswer,
} from "./tables";
export { sideShownAsA, type BlindPair, type PairSide } from "./blind";
export {
  judgePair,
  judgePairInput,
  nextBlindPair,
  revealPair,
  type BlindReviewPage,
  type JudgePairInput,
  type PairJudgement,
  type RevealedPair,
} from "./pair-review";
export {
  pairAgreement,
  type AgreementFigures,
  type AuditAgreement,
  type AutomaticAgreement,
  type PairAgreementReport,
} from "./pair-agreement";
