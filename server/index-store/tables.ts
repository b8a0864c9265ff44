import { sql } from "drizzle-orm";
import { boolean, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt } from "../db";
import type { HnswParams } from "./build/hnsw";
import type { ChunkHashes } from "./serve/searcher";

/** The index-store domain's tables: index versions and their manifests. */

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
    /**
     * ann-benchmarks' ε-recall@5 (ε = 0.01) at the ef validation chose: shown beside strict recall,
     * not a gate (strict recall ≥ 0.95 is). Null until validated, and for versions validated before it existed.
     */
    epsilonRecall: real("epsilon_recall"),
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
