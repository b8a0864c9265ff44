import { requestFairnessAudit } from "../fairness-audits";
import { logger } from "../logger";
import { createRelease, type CreateReleaseInput, type ReleaseRow } from "../registry";

const log = logger.child("releases");

/**
 * A new release, with its counterfactual fairness audit queued at once: the fairness gate waits
 * for that audit, so starting it now is what lets the release be promoted soon. (The worker's
 * sweep would queue it within a minute anyway; a queue that is down does not undo the release.)
 */
export async function createReleaseForReview(input: CreateReleaseInput, actor: string): Promise<ReleaseRow> {
  const row = await createRelease(input, actor);
  await requestFairnessAudit({ version: row.version, actor }).catch((error: unknown) =>
    log.warn("the new release's fairness audit could not be queued; the worker's sweep will queue it", {
      release: row.version,
      error,
    }),
  );
  return row;
}
