import { getDb } from "../db";
import { AppError } from "../errors";
import { activateIndex, activeIndexVersion, announceIndex, getIndexVersion, type SwapMessage } from "../index-store";
import { logger } from "../logger";
import { countPromotion } from "../metrics";
import { getRedis } from "../redis";
import {
  aliasedRelease,
  aliasTimeline,
  getRelease,
  moveReleaseAlias,
  PRODUCTION,
  releaseChannel,
  type ReleaseMoved,
  type ReleaseRow,
} from "../registry";
import { approvalsOf } from "./approvals";
import { failingGates, type GateResult } from "./gate-rules";
import { evaluateGates } from "./gates";
import { aliasPermission, type Actor } from "./permissions";
import { promotionPolicy } from "./policy";

const log = logger.child("releases");

export interface PromoteInput {
  version: string;
  /** Default `production`. */
  alias?: string;
  /** The release the caller saw on the alias; the move fails if it changed since. Undefined: read it now. */
  expected?: string | null;
  reason: string;
  /** An admin's override of failing gates; `reason` is the recorded justification. */
  override?: boolean;
  actor: Actor;
}

export interface PromotionResult {
  release: string;
  alias: string;
  previous: string | null;
  gates: GateResult[];
  overridden: string[];
}

function requireReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length < 3) throw new AppError("bad_request", "--reason: say why (it is recorded in the ledger)");
  return trimmed;
}

async function requireApproval(release: ReleaseRow, actor: Actor, fourEyes: boolean): Promise<string[]> {
  const approvers = (await approvalsOf(release.version)).map((a) => a.approver).filter((a) => a !== actor.email);
  if (approvers.length === 0) {
    throw new AppError(
      "forbidden",
      `moving production to ${release.version} needs a second person's approval` +
        (fourEyes ? " (the four-eyes policy is on)" : " (ML engineers need one; admins do not)") +
        `: ask another ML engineer or admin to approve it (release approve ${release.version})`,
    );
  }
  return approvers;
}

/** Moves the alias (and for production the active index) in one transaction, then tells the instances. */
async function move(
  release: ReleaseRow,
  alias: string,
  expected: string | null,
  by: {
    actor: Actor;
    reason: string;
    action: "release.promote" | "release.rollback";
    details: Record<string, unknown>;
  },
): Promise<string | null> {
  const production = alias === PRODUCTION;
  const index = production ? await getIndexVersion(release.indexVersion) : null;
  const indexChanges = index && (await activeIndexVersion())?.version !== index.version;
  let swap: SwapMessage | null = null;
  const previous = await getDb().transaction(async (tx) => {
    const before = await moveReleaseAlias(
      {
        alias,
        to: release.version,
        expected,
        actor: by.actor.email,
        action: by.action,
        reason: by.reason,
        details: by.details,
      },
      tx,
    );
    if (indexChanges) {
      swap = await activateIndex(
        index,
        {
          actor: by.actor.email,
          reason: by.reason,
          action: by.action === "release.rollback" ? "index.rollback" : "index.promote",
          release: release.version,
        },
        tx,
      );
    }
    return before;
  });
  // Counted once committed: the alias has moved, whether or not the instances hear of it at once.
  countPromotion(alias, by.action === "release.rollback" ? "rollback" : "promote");
  if (swap) await announceIndex(swap);
  const message: ReleaseMoved = { alias, release: release.version, at: new Date().toISOString() };
  const listeners = await getRedis().publish(releaseChannel(), JSON.stringify(message));
  log.info("release alias moved", { alias, release: release.version, previous, listeners, actor: by.actor.email });
  return previous;
}

/**
 * Puts a release on an alias (production by default) through its gates: a failing gate blocks
 * unless an admin overrides it with a written justification (recorded); production may need a
 * second person's approval; the move is a compare-and-set on the release the caller saw, so of
 * two concurrent promotions one wins and the other is told who won.
 */
export async function promoteRelease(input: PromoteInput): Promise<PromotionResult> {
  const reason = requireReason(input.reason);
  const alias = input.alias ?? PRODUCTION;
  const release = await getRelease(input.version);
  if (release.archivedAt) throw new AppError("conflict", `release ${release.version} is archived`);
  const policy = promotionPolicy();
  const permission = aliasPermission(input.actor.role, alias, policy.fourEyes);
  if (permission === "forbidden") throw new AppError("forbidden", `${input.actor.email} may not move ${alias}`);

  const current = (await aliasedRelease(alias))?.version ?? null;
  if (current === release.version) throw new AppError("conflict", `release ${release.version} is already on ${alias}`);
  const gates = alias === PRODUCTION ? await evaluateGates(release.version, { fresh: true }) : [];
  const failing = failingGates(gates);
  if (failing.length > 0 && !input.override) {
    throw new AppError(
      "conflict",
      `release ${release.version} cannot be promoted: ` +
        failing.map((g) => `gate ${g.name} ${g.status}: ${g.reason}`).join("; "),
      { failing },
    );
  }
  if (failing.length > 0 && input.actor.role !== "admin") {
    throw new AppError("forbidden", "only an admin may override a failing gate, with a written justification");
  }
  const approvers = permission === "needs-approval" ? await requireApproval(release, input.actor, policy.fourEyes) : [];
  const expected = input.expected === undefined ? current : input.expected;
  const overridden = input.override ? failing.map((g) => g.name) : [];
  const previous = await move(release, alias, expected, {
    actor: input.actor,
    reason,
    action: "release.promote",
    details: {
      gates: gates.map((g) => `${g.name}:${g.status}`),
      ...(overridden.length ? { overridden, justification: reason } : {}),
      ...(approvers.length ? { approvers } : {}),
    },
  });
  return { release: release.version, alias, previous, gates, overridden };
}

/**
 * Returns production to an earlier release — by default the one before the current — without
 * rebuilding anything. Only a release that has served production before qualifies (it passed its
 * gates then, or was overridden on the record); anything else goes through promote.
 */
export async function rollbackRelease(input: {
  version?: string;
  reason: string;
  expected?: string | null;
  actor: Actor;
}): Promise<PromotionResult> {
  const reason = requireReason(input.reason);
  // An emergency action, but still production: admins (and the operator at the CLI) roll back.
  if (input.actor.role !== "admin") {
    throw new AppError("forbidden", `${input.actor.email} may not roll production back: admins do`);
  }
  const current = (await aliasedRelease(PRODUCTION))?.version ?? null;
  const timeline = await aliasTimeline(PRODUCTION, 1000);
  const served = new Set(timeline.map((entry) => entry.release));
  const target = input.version ?? timeline.find((entry) => entry.release !== current)?.release;
  if (!target) throw new AppError("conflict", "there is no earlier production release to roll back to");
  if (target === current) throw new AppError("conflict", `release ${target} is already in production`);
  if (!served.has(target)) {
    throw new AppError(
      "conflict",
      `release ${target} has never been in production: promote it through its gates instead`,
    );
  }
  const release = await getRelease(target);
  const expected = input.expected === undefined ? current : input.expected;
  const previous = await move(release, PRODUCTION, expected, {
    actor: input.actor,
    reason,
    action: "release.rollback",
    details: {},
  });
  return { release: release.version, alias: PRODUCTION, previous, gates: [], overridden: [] };
}
