/**
 * The fairness-audits domain's face: counterfactual audits of a release (server/fairness has the
 * audit set, the variants and the scoring; this domain answers them with the release, stores every
 * pair and the verdict, and is what the release's fairness gate reads).
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
export { fairnessAuditPairs, fairnessAudits, type AuditStatus, type StoredAuditAnswer } from "./tables";
