import { AppError } from "../errors";
import { ensureFairnessAudit } from "../fairness-audits";
import { previousActiveVersion, resolveIndexVersion } from "../index-store";
import {
  aliasedRelease,
  aliasTimeline,
  componentsOf,
  createRelease,
  listReleases,
  nextPatch,
  PRODUCTION,
  type ReleaseRow,
} from "../registry";
import type { Actor } from "./permissions";
import { promoteRelease, rollbackRelease, type PromotionResult } from "./promote";
import { requestShadowReplayNow } from "./shadow/replay";

/**
 * `index promote` and `index rollback` from before releases existed, kept for their users: the
 * production release with another index, through the same gates. A release with exactly that
 * composition is reused; otherwise the next patch release is created.
 */

async function releaseWithIndex(indexVersion: string, reason: string, actor: Actor): Promise<ReleaseRow> {
  const production = await aliasedRelease(PRODUCTION);
  if (!production) throw new AppError("conflict", "there is no production release yet: run setup (npm start does it)");
  const wanted = { ...componentsOf(production), index: indexVersion };
  const all = await listReleases();
  const same = all.find((r) => !r.archivedAt && JSON.stringify(componentsOf(r)) === JSON.stringify(wanted));
  if (same) return same;
  return createRelease(
    {
      version: nextPatch(all.map((r) => r.version)),
      index: indexVersion,
      changelog: `index ${indexVersion.slice(0, 12)} (index promote): ${reason}`,
    },
    actor.email,
  );
}

/** Promotes an index as a release made from production with it: shadow replay and fairness audit, then the gates. */
export async function promoteIndex(
  versionOrPrefix: string,
  by: { actor: Actor; reason?: string; override?: boolean },
): Promise<PromotionResult> {
  const index = await resolveIndexVersion(versionOrPrefix);
  const reason = by.reason?.trim() || `index ${index.version.slice(0, 12)} promoted`;
  const release = await releaseWithIndex(index.version, reason, by.actor);
  await requestShadowReplayNow(release.version, by.actor.email);
  await ensureFairnessAudit(release.version, by.actor.email);
  return promoteRelease({ version: release.version, reason, override: by.override, actor: by.actor });
}

/**
 * Returns production to an earlier index (default: the one active before the current): a rollback
 * to a release that served it before with today's other components, else a promotion through the gates.
 */
export async function rollbackIndex(
  versionOrPrefix: string | undefined,
  by: { actor: Actor; reason?: string },
): Promise<PromotionResult> {
  const index = versionOrPrefix ? await resolveIndexVersion(versionOrPrefix) : await previousActiveVersion();
  if (!index) throw new AppError("conflict", "there is no earlier active index version to roll back to");
  const reason = by.reason?.trim() || `index rolled back to ${index.version.slice(0, 12)}`;
  const release = await releaseWithIndex(index.version, reason, by.actor);
  const served = (await aliasTimeline(PRODUCTION, 1000)).some((entry) => entry.release === release.version);
  if (served) return rollbackRelease({ version: release.version, reason, actor: by.actor });
  await requestShadowReplayNow(release.version, by.actor.email);
  await ensureFairnessAudit(release.version, by.actor.email);
  return promoteRelease({ version: release.version, reason, actor: by.actor });
}
