import { and, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { auditLog, recordAudit, type AuditWriter } from "../audit";
import { getDb } from "../db";
import { AppError } from "../errors";
import { sha256Hex } from "../hashing";
import { resolveIndexVersion } from "../index-store";
import type { ModelKind } from "./metadata";
import { getModelVersion, type RegistryVersion } from "./models";
import { compareSemver, semverProblem } from "./semver";
import { releaseAliases, releases } from "./tables";

export type ReleaseRow = typeof releases.$inferSelect;

/** A release's parts as people write them: `name@version` (the index by its version). */
export interface ReleaseComponents {
  embedder: string;
  index: string;
  analyzer: string;
  prompt: string;
  biasPolicy: string;
}

export const PRODUCTION = "production";

export function componentsOf(row: ReleaseRow): ReleaseComponents {
  return {
    embedder: `${row.embedderModel}@${row.embedderVersion}`,
    index: row.indexVersion,
    analyzer: `${row.analyzerModel}@${row.analyzerVersion}`,
    prompt: `${row.promptModel}@${row.promptVersion}`,
    biasPolicy: `${row.biasPolicyModel}@${row.biasPolicyVersion}`,
  };
}

/** The registered versions a release is made of (archived ones included: a release keeps working). */
export async function releaseParts(release: ReleaseRow): Promise<RegistryVersion[]> {
  const refs = [
    [release.embedderModel, release.embedderVersion],
    [release.analyzerModel, release.analyzerVersion],
    [release.promptModel, release.promptVersion],
    [release.biasPolicyModel, release.biasPolicyVersion],
  ] as const;
  return Promise.all(refs.map(([model, version]) => getModelVersion(model, version, { allowArchived: true })));
}

/** sha256 of what a release is made of: an approval or a shadow replay holds only for this composition. */
export function compositionOf(row: ReleaseRow, parts: RegistryVersion[] = []): string {
  const artifacts = parts.map((p) => `${p.model}@${p.version}:${p.metadata.artifact?.sha256 ?? ""}`).sort();
  return sha256Hex(Buffer.from(JSON.stringify({ version: row.version, ...componentsOf(row), artifacts })));
}

export interface CreateReleaseInput {
  version: string;
  /** The release unnamed parts are taken from (default: production). */
  from?: string;
  embedder?: string;
  index?: string;
  analyzer?: string;
  prompt?: string;
  biasPolicy?: string;
  changelog: string;
  /** Start-up only: the environment this release was registered from. */
  environment?: Record<string, string>;
}

/** `name@version`, or a bare version of the model the base release uses. */
function splitRef(ref: string, baseModel: string | undefined, field: string): { model: string; version: string } {
  const at = ref.lastIndexOf("@");
  if (at > 0) return { model: ref.slice(0, at), version: ref.slice(at + 1) };
  if (!baseModel)
    throw new AppError("bad_request", `${field}: name the model as NAME@VERSION (there is no release to take it from)`);
  return { model: baseModel, version: ref };
}

async function part(
  ref: string | undefined,
  base: { model: string; version: string } | undefined,
  kind: ModelKind,
  field: string,
) {
  if (!ref && !base) throw new AppError("bad_request", `${field}: no ${kind} given and no release to take it from`);
  const { model, version } = ref ? splitRef(ref, base?.model, field) : base!;
  return getModelVersion(model, version, { kind, field });
}

/** Each registered part of a release: its kind, the flag that names it, and where a release keeps it. */
const PARTS = {
  embedder: {
    kind: "embedder",
    flag: "--embedder",
    of: (r: ReleaseRow) => ({ model: r.embedderModel, version: r.embedderVersion }),
  },
  analyzer: {
    kind: "analyzer",
    flag: "--analyzer",
    of: (r: ReleaseRow) => ({ model: r.analyzerModel, version: r.analyzerVersion }),
  },
  prompt: {
    kind: "prompt",
    flag: "--prompt",
    of: (r: ReleaseRow) => ({ model: r.promptModel, version: r.promptVersion }),
  },
  biasPolicy: {
    kind: "bias-policy",
    flag: "--bias-policy",
    of: (r: ReleaseRow) => ({ model: r.biasPolicyModel, version: r.biasPolicyVersion }),
  },
} as const satisfies Record<
  string,
  { kind: ModelKind; flag: string; of: (r: ReleaseRow) => { model: string; version: string } }
>;

/**
 * Bundles component versions into a release with its own semver and changelog. Unnamed parts come
 * from `from` (default production). Every part must be registered, of the right kind and not
 * archived; the index must exist. A refused release stores nothing.
 */
export async function createRelease(input: CreateReleaseInput, actor: string): Promise<ReleaseRow> {
  const problem = semverProblem(input.version);
  if (problem) throw new AppError("bad_request", `--version: ${problem}`);
  if (!input.changelog.trim()) throw new AppError("bad_request", "--changelog: say what changed in this release");
  if (await findRelease(input.version)) {
    throw new AppError("conflict", `--version: release ${input.version} already exists, and releases are immutable`);
  }
  const base = (input.from ? await getRelease(input.from, "--from") : await aliasedRelease(PRODUCTION)) ?? undefined;
  const parts: RegistryVersion[] = [];
  for (const key of ["embedder", "analyzer", "prompt", "biasPolicy"] as const) {
    const { kind, flag, of } = PARTS[key];
    parts.push(await part(input[key], base && of(base), kind, flag));
  }
  const [embedder, analyzer, prompt, biasPolicy] = parts as [
    RegistryVersion,
    RegistryVersion,
    RegistryVersion,
    RegistryVersion,
  ];
  const indexRef = input.index ?? base?.indexVersion;
  if (!indexRef) throw new AppError("bad_request", "--index: no index given and no release to take it from");
  const index = await resolveIndexVersion(indexRef).catch((error: unknown) => {
    throw new AppError(error instanceof AppError ? error.code : "bad_request", `--index: ${(error as Error).message}`);
  });

  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(releases)
      .values({
        version: input.version,
        embedderModel: embedder.model,
        embedderVersion: embedder.version,
        indexVersion: index.version,
        analyzerModel: analyzer.model,
        analyzerVersion: analyzer.version,
        promptModel: prompt.model,
        promptVersion: prompt.version,
        biasPolicyModel: biasPolicy.model,
        biasPolicyVersion: biasPolicy.version,
        changelog: input.changelog.trim(),
        environment: input.environment ?? null,
        createdBy: actor,
      })
      .onConflictDoNothing()
      .returning();
    if (!row)
      throw new AppError("conflict", `--version: release ${input.version} already exists, and releases are immutable`);
    await recordAudit(
      {
        actor,
        action: "release.create",
        target: row.version,
        details: { from: base?.version ?? null, ...componentsOf(row) },
      },
      tx,
    );
    return row;
  });
}

export async function findRelease(version: string): Promise<ReleaseRow | null> {
  const [row] = await getDb().select().from(releases).where(eq(releases.version, version));
  return row ?? null;
}

export async function getRelease(version: string, field = "release"): Promise<ReleaseRow> {
  const row = await findRelease(version);
  if (!row) throw new AppError("not_found", `${field}: there is no release ${version}`);
  return row;
}

/** Every release, highest semver first. */
export async function listReleases(): Promise<ReleaseRow[]> {
  const rows = await getDb().select().from(releases);
  return rows.sort((a, b) => compareSemver(b.version, a.version));
}

export async function listReleaseAliases() {
  return getDb().select().from(releaseAliases);
}

/** The release an alias points at now, or null. */
export async function aliasedRelease(alias: string): Promise<ReleaseRow | null> {
  const [row] = await getDb()
    .select({ release: releases })
    .from(releaseAliases)
    .innerJoin(releases, eq(releases.version, releaseAliases.release))
    .where(eq(releaseAliases.alias, alias));
  return row?.release ?? null;
}

export interface AliasMove {
  alias: string;
  to: string;
  /** The release the caller saw on the alias (null: none yet). The move fails if it has changed since. */
  expected: string | null;
  actor: string;
  action: "release.promote" | "release.rollback" | "release.alias";
  reason: string;
  details?: Record<string, unknown>;
}

/**
 * Moves a release alias atomically: in one transaction the alias row is locked, compared with
 * what the caller saw, moved, and the move written to the ledger. Of two concurrent moves from the
 * same state one wins; the other gets a conflict naming the winner. Returns the previous release.
 */
export async function moveReleaseAlias(move: AliasMove, db: AuditWriter = getDb()): Promise<string | null> {
  return db.transaction(async (tx) => {
    // Serialises moves of an alias that does not exist yet too (nothing to lock FOR UPDATE).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`apfa:release-alias:${move.alias}`}))`);
    const [current] = await tx.select().from(releaseAliases).where(eq(releaseAliases.alias, move.alias));
    const previous = current?.release ?? null;
    if (previous !== move.expected) {
      throw new AppError(
        "conflict",
        `${move.alias} is now on release ${previous ?? "(none)"}` +
          (current ? `, moved by ${current.movedBy} at ${current.movedAt.toISOString()}` : "") +
          `, not on ${move.expected ?? "(none)"} as you saw: someone else moved it first; review the change and try again`,
        { winner: previous },
      );
    }
    await tx
      .insert(releaseAliases)
      .values({ alias: move.alias, release: move.to, movedBy: move.actor })
      .onConflictDoUpdate({
        target: releaseAliases.alias,
        set: { release: move.to, movedBy: move.actor, movedAt: new Date() },
      });
    await recordAudit(
      {
        actor: move.actor,
        action: move.action,
        target: move.to,
        reason: move.reason,
        details: { ...move.details, alias: move.alias, previous },
      },
      tx,
    );
    return previous;
  });
}

const ALIAS_MOVES = ["release.promote", "release.rollback", "release.alias"] as const;

export interface AliasMoveEntry {
  release: string;
  previous: string | null;
  action: string;
  actor: string;
  reason: string | null;
  at: Date;
  ledgerId: number;
}

/**
 * The release an alias pointed at, at time `at`, answered from the hash-chained ledger (the last
 * move at or before `at`), so it can be checked with `registry verify-ledger`. Null before the first move.
 */
export async function releaseAt(alias: string, at: Date): Promise<AliasMoveEntry | null> {
  const [entry] = await getDb()
    .select()
    .from(auditLog)
    .where(
      and(
        inArray(auditLog.action, [...ALIAS_MOVES]),
        sql`${auditLog.details}->>'alias' = ${alias}`,
        lte(auditLog.at, at),
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(1);
  return entry ? toMove(entry) : null;
}

/** Every move of an alias, newest first: the Releases page's timeline. */
export async function aliasTimeline(alias: string, limit = 200): Promise<AliasMoveEntry[]> {
  const entries = await getDb()
    .select()
    .from(auditLog)
    .where(and(inArray(auditLog.action, [...ALIAS_MOVES]), sql`${auditLog.details}->>'alias' = ${alias}`))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
  return entries.map(toMove);
}

function toMove(entry: typeof auditLog.$inferSelect): AliasMoveEntry {
  return {
    release: entry.target,
    previous: typeof entry.details.previous === "string" ? entry.details.previous : null,
    action: entry.action,
    actor: entry.actor,
    reason: entry.reason,
    at: entry.at,
    ledgerId: entry.id,
  };
}
