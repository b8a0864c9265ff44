import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { PartnerScope, Role } from "../auth/roles";
import type { HnswParams } from "../index-store/hnsw";
import type { ChunkHashes } from "../index-store/searcher";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  role: text("role").$type<Role>().notNull(),
  /** scrypt hash; null for accounts that only sign in through OIDC. */
  passwordHash: text("password_hash"),
  isDemo: boolean("is_demo").notNull().default(false),
  createdAt: createdAt(),
});

export const partnerKeys = pgTable("partner_keys", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** Public, non-secret part of the key, shown in lists so a key can be recognised. */
  prefix: text("prefix").notNull().unique(),
  /** sha256 of the whole key; keys are 32 random bytes, so a slow hash adds nothing. */
  keyHash: text("key_hash").notNull(),
  scopes: text("scopes").array().$type<PartnerScope[]>().notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: createdAt(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

export type LoanOutcome = "fully_paid" | "charged_off";

export const loanDocuments = pgTable(
  "loan_documents",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    contentHash: text("content_hash").notNull(),
    source: text("source").notNull(),
    text: text("text").notNull(),
    fields: jsonb("fields").$type<Record<string, string | number | null>>().notNull(),
    outcome: text("outcome").$type<LoanOutcome>().notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("loan_documents_content_hash_idx").on(table.contentHash)],
);

export const ingestRuns = pgTable("ingest_runs", {
  id: uuid("id").primaryKey().defaultRandom(),
  source: text("source").notNull(),
  fileSha256: text("file_sha256").notNull(),
  rows: integer("rows").notNull(),
  inserted: integer("inserted").notNull(),
  duplicates: integer("duplicates").notNull(),
  malformed: integer("malformed").notNull(),
  /** The first malformed rows, with line numbers, for whoever reads the run later. */
  problems: jsonb("problems").$type<{ line: number; message: string }[]>().notNull(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
  finishedAt: timestamp("finished_at", { withTimezone: true }).notNull(),
});

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    target: text("target").notNull(),
    reason: text("reason"),
    details: jsonb("details")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("audit_log_at_idx").on(table.at)],
);

export type ModelStage = "candidate" | "active" | "retired";

export const modelVersions = pgTable(
  "model_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    version: text("version").notNull(),
    stage: text("stage").$type<ModelStage>().notNull().default("candidate"),
    metadata: jsonb("metadata")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("model_versions_name_version_idx").on(table.name, table.version)],
);

export type ExperimentStatus = "draft" | "running" | "stopped";

export const experiments = pgTable("experiments", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  status: text("status").$type<ExperimentStatus>().notNull().default("draft"),
  variants: jsonb("variants").$type<{ name: string; modelVersion: string; weight: number }[]>().notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: createdAt(),
});

export interface IndexManifest {
  version: string;
  kind: "exact" | "hnsw";
  embedderVersion: string;
  dimensions: number;
  vectors: number;
  /** sha256 of each artifact file, checked before the file is used. */
  files: { index: string; ids: string };
  /** Byte size of each artifact file. */
  sizes?: { index: number; ids: number };
  /** HNSW only: sha256 of each 16 MB chunk of the index file, so instances verify it on every core. */
  chunks?: { index: ChunkHashes };
  /** HNSW only: build parameters, and the exact version over the same vectors (validation's ground truth). */
  hnsw?: HnswParams;
  exactTwin?: string;
  buildMs: number;
  memoryBytes: number;
  createdAt: string;
}

export const indexVersions = pgTable(
  "index_versions",
  {
    version: text("version").primaryKey(),
    kind: text("kind").$type<"exact" | "hnsw">().notNull(),
    embedderVersion: text("embedder_version").notNull(),
    dimensions: integer("dimensions").notNull(),
    vectors: integer("vectors").notNull(),
    recall: real("recall"),
    /** Where index, ids and manifest.json live in the artifact store. */
    uri: text("uri").notNull(),
    manifest: jsonb("manifest").$type<IndexManifest>().notNull(),
    active: boolean("active").notNull().default(false),
    /** sha256 of manifest.json in the artifact store: what a swap message carries and instances check. */
    manifestSha256: text("manifest_sha256"),
    /** HNSW: the smallest search expansion reaching recall@5 ≥ 0.95 on validation. */
    efSearch: integer("ef_search"),
    validatedAt: timestamp("validated_at", { withTimezone: true }),
    /** When this version last became active; rollback goes to the one activated before the current. */
    activatedAt: timestamp("activated_at", { withTimezone: true }),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
  },
  // One active version, enforced by the database rather than by every writer's care.
  (table) => [
    uniqueIndex("index_versions_one_active_idx")
      .on(table.active)
      .where(sql`${table.active}`),
  ],
);

export interface AdviceSource {
  id: number;
  score: number;
}

export interface AdviceVersions {
  embedder: string;
  index: string;
  analyzer: string;
}

export type AdviceStatus = "ok" | "error" | "cancelled";

/** Every advice request, as an auditor would want to replay it. */
export const adviceRequests = pgTable(
  "advice_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    channel: text("channel").$type<"chat" | "api">().notNull(),
    userId: uuid("user_id"),
    partnerId: uuid("partner_id"),
    /** The partner's own user id, as sent in the API body. */
    externalUserId: text("external_user_id"),
    conversationId: uuid("conversation_id").notNull(),
    query: text("query").notNull(),
    status: text("status").$type<AdviceStatus>().notNull(),
    advice: text("advice").notNull().default(""),
    sources: jsonb("sources")
      .$type<AdviceSource[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    biasScore: real("bias_score"),
    biasFlagged: boolean("bias_flagged"),
    biasReasons: jsonb("bias_reasons")
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    versions: jsonb("versions").$type<Partial<AdviceVersions>>().notNull(),
    timings: jsonb("timings").$type<Record<string, number>>().notNull(),
    error: text("error"),
    rating: integer("rating"),
    thumbs: text("thumbs").$type<"up" | "down">(),
    feedbackAt: timestamp("feedback_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    index("advice_requests_user_idx").on(table.userId, table.createdAt),
    index("advice_requests_conversation_idx").on(table.conversationId, table.createdAt),
  ],
);

export const biasAlerts = pgTable("bias_alerts", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  modelVersion: text("model_version").notNull(),
  metric: text("metric").notNull(),
  value: real("value").notNull(),
  threshold: real("threshold").notNull(),
  message: text("message").notNull(),
  createdAt: createdAt(),
  acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
});
