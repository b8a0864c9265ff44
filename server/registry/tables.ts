import { sql } from "drizzle-orm";
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { createdAt } from "../db";
import type { ModelKind, VersionMetadata } from "./metadata";
import type { ShadowReplaySummary } from "./shadow-types";

/**
 * The registry domain's tables: models and their immutable versions, aliases on them, releases
 * (bundles of component versions) and aliases on releases, approvals and shadow-replay results.
 * Versions and releases are never updated except to archive them (a trigger in the migration
 * refuses any other change); every move of an alias is also in the audit ledger.
 */

export const registryModels = pgTable("registry_models", {
  name: text("name").primaryKey(),
  kind: text("kind").$type<ModelKind>().notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: createdAt(),
});

export const registryVersions = pgTable(
  "registry_versions",
  {
    model: text("model")
      .notNull()
      .references(() => registryModels.name),
    version: text("version").notNull(),
    metadata: jsonb("metadata").$type<VersionMetadata>().notNull(),
    changelog: text("changelog").notNull().default(""),
    previousVersion: text("previous_version"),
    tags: text("tags")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.model, table.version] })],
);

/** A named pointer per model (`production`, `staging`, custom), on exactly one version. */
export const registryAliases = pgTable(
  "registry_aliases",
  {
    model: text("model").notNull(),
    alias: text("alias").notNull(),
    version: text("version").notNull(),
    movedBy: text("moved_by").notNull(),
    movedAt: timestamp("moved_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.model, table.alias] })],
);

export const releases = pgTable("releases", {
  version: text("version").primaryKey(),
  embedderModel: text("embedder_model").notNull(),
  embedderVersion: text("embedder_version").notNull(),
  indexVersion: text("index_version").notNull(),
  analyzerModel: text("analyzer_model").notNull(),
  analyzerVersion: text("analyzer_version").notNull(),
  promptModel: text("prompt_model").notNull(),
  promptVersion: text("prompt_version").notNull(),
  biasPolicyModel: text("bias_policy_model").notNull(),
  biasPolicyVersion: text("bias_policy_version").notNull(),
  changelog: text("changelog").notNull(),
  /** Set on releases the start-up registered from the environment: what it was registered from. */
  environment: jsonb("environment").$type<Record<string, string>>(),
  archivedAt: timestamp("archived_at", { withTimezone: true }),
  createdBy: text("created_by").notNull(),
  createdAt: createdAt(),
});

/** `production` is what the chat and partners are served; `staging` and custom aliases are the team's. */
export const releaseAliases = pgTable("release_aliases", {
  alias: text("alias").primaryKey(),
  release: text("release")
    .notNull()
    .references(() => releases.version),
  movedBy: text("moved_by").notNull(),
  movedAt: timestamp("moved_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A second person's approval of a release's exact composition (void once anything in it changes). */
export const releaseApprovals = pgTable(
  "release_approvals",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    release: text("release")
      .notNull()
      .references(() => releases.version),
    /** sha256 of the release's composition when approved. */
    composition: text("composition").notNull(),
    approver: text("approver").notNull(),
    note: text("note"),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("release_approvals_once_idx").on(table.release, table.composition, table.approver)],
);

export type ShadowStatus = "queued" | "running" | "passed" | "failed" | "error";

/** A replay of recent production questions through a candidate release, compared with what production answered. */
export const shadowReplays = pgTable(
  "shadow_replays",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    release: text("release")
      .notNull()
      .references(() => releases.version),
    /** sha256 of the candidate's composition when replayed: a replay of another composition does not count. */
    composition: text("composition").notNull(),
    status: text("status").$type<ShadowStatus>().notNull(),
    questions: integer("questions"),
    summary: jsonb("summary").$type<ShadowReplaySummary>(),
    error: text("error"),
    requestedBy: text("requested_by").notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [index("shadow_replays_release_idx").on(table.release, table.createdAt)],
);
