import { listAuditOf, recordAudit, type AuditWriter } from "../../audit";
import { getDb } from "../../db";
import { AppError } from "../../errors";
import { logger } from "../../logger";
import { resolveEmbedder } from "../../embedding";
import { getRedis } from "../../redis";
import { LATEST_KEY } from "../keys";
import { artifactStore } from "../../artifacts";
import { swapChannel, type SwapMessage } from "./swap-channel";
import {
  activeIndexVersion,
  MIN_RECALL,
  previousActiveVersion,
  resolveIndexVersion,
  setActiveVersion,
  type IndexVersionRow,
} from "../versions";

const log = logger.child("index-publish");

const ACTIVATIONS = ["index.promote", "index.rollback"] as const;

/** One time a version was made active: by whom, when, why, and what it replaced. */
export interface IndexActivation {
  version: string;
  action: "promote" | "rollback";
  actor: string;
  reason: string | null;
  at: Date;
  previous: string | null;
}

/** Why a version may not serve queries, or null when it may. */
export async function promotionBlocker(row: IndexVersionRow): Promise<string | null> {
  if (row.recall === null) return `index ${row.version.slice(0, 12)} has not been validated: run index validate first`;
  if (row.recall < MIN_RECALL) {
    return `index ${row.version.slice(0, 12)} has recall@5 ${row.recall.toFixed(3)}, below the required ${MIN_RECALL}`;
  }
  if (!row.manifestSha256) return `index ${row.version.slice(0, 12)} predates verified manifests: rebuild it`;
  const embedder = await resolveEmbedder();
  if (row.embedderVersion !== embedder.version) {
    return `index ${row.version.slice(0, 12)} was built with ${row.embedderVersion}, but queries are embedded with ${embedder.version}`;
  }
  return null;
}

/**
 * Makes a version the active one in the database, with its ledger entry, inside the caller's
 * transaction when one is given (a release promotion moves its alias and its index together).
 * Tell the instances afterwards, once the transaction has committed: announceIndex.
 */
export async function activateIndex(
  row: IndexVersionRow,
  by: { actor: string; reason?: string; action?: "index.promote" | "index.rollback"; release?: string },
  db: AuditWriter = getDb(),
): Promise<SwapMessage> {
  if (!row.manifestSha256)
    throw new AppError("conflict", `index ${row.version.slice(0, 12)} predates verified manifests: rebuild it`);
  const previous = await activeIndexVersion();
  await db.transaction(async (tx) => {
    await setActiveVersion(row.version, tx);
    await recordAudit(
      {
        actor: by.actor,
        action: by.action ?? "index.promote",
        target: row.version,
        reason: by.reason,
        details: {
          previous: previous?.version ?? null,
          kind: row.kind,
          ...(by.release ? { release: by.release } : {}),
        },
      },
      tx,
    );
  });
  return { version: row.version, sha256: row.manifestSha256, uri: row.uri };
}

/** Tells every web instance to swap: the store's `indexes/latest`, then the swap message. */
export async function announceIndex(message: SwapMessage): Promise<number> {
  await artifactStore().put(LATEST_KEY, message.version);
  const listeners = await getRedis().publish(swapChannel(), JSON.stringify(message));
  log.info("index published", { version: message.version, listeners });
  return listeners;
}

/**
 * Makes a validated version the active one and tells every web instance: the database pointer
 * first (instances that miss the message converge on it), then the store's `indexes/latest`,
 * then the swap message. Releases use activateIndex and announceIndex directly (their gates
 * check the embedder of the release, not of this process).
 */
export async function publishIndex(
  versionOrPrefix: string,
  by: { actor: string; reason?: string; action?: "index.promote" | "index.rollback" },
): Promise<SwapMessage> {
  const row = await resolveIndexVersion(versionOrPrefix);
  const blocker = await promotionBlocker(row);
  if (blocker) throw new AppError("conflict", blocker);
  const message = await activateIndex(row, by);
  await announceIndex(message);
  return message;
}

/** Republishes an earlier version (by default the one active before the current): no rebuild. */
export async function rollbackIndex(
  versionOrPrefix: string | undefined,
  by: { actor: string; reason?: string },
): Promise<SwapMessage> {
  const target = versionOrPrefix ?? (await previousActiveVersion())?.version;
  if (!target) throw new AppError("conflict", "there is no earlier active index version to roll back to");
  return publishIndex(target, { ...by, action: "index.rollback" });
}

/**
 * Every promotion and rollback, newest first (at most `limit`), from the audit entries
 * publishIndex writes: the reasons asked for at the time, for whoever wonders later.
 */
export async function activationHistory(limit = 500): Promise<IndexActivation[]> {
  const entries = await listAuditOf(ACTIVATIONS, limit);
  return entries.map((entry) => ({
    version: entry.target,
    action: entry.action === "index.rollback" ? "rollback" : "promote",
    actor: entry.actor,
    reason: entry.reason,
    at: entry.at,
    previous: typeof entry.details.previous === "string" ? entry.details.previous : null,
  }));
}
