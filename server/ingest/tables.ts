import { bigserial, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "../db";

/** The ingest domain's tables: loan profile documents and the runs that stored them. */

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
