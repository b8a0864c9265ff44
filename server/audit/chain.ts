import { createHash } from "node:crypto";

/**
 * The ledger's one definition of what an audit entry's hash covers; writer, backfill and verifier
 * all go through it, so they cannot disagree.
 *
 * hash = sha256 (lowercase hex) of the UTF-8 bytes of
 *   canonicalJson([LEDGER_FORMAT, at.toISOString(), actor, action, target, reason ?? null, details, prevHash])
 * where canonicalJson is JSON with object keys sorted (below).
 *
 * The database id is left out: it is assigned by a sequence inside the insert, and the chain
 * (prevHash) already fixes each entry's place. `at` counts in milliseconds, as a JavaScript Date
 * reads it back (PostgreSQL keeps microseconds; entries written by recordAudit have none).
 * `details` is hashed as it reads back from jsonb (JSON values; keys reordered, which sorting undoes).
 * The first entry's prevHash is GENESIS_HASH.
 */
export const LEDGER_FORMAT = "apfa-audit-v1";
export const GENESIS_HASH = "0".repeat(64);

export interface ChainedContent {
  at: Date;
  actor: string;
  action: string;
  target: string;
  reason: string | null;
  details: Record<string, unknown>;
  prevHash: string;
}

/**
 * JSON with every object's keys sorted by UTF-16 code units and no whitespace, numbers and strings
 * as JSON.stringify writes them: RFC 8785 (JCS) for the values JSON can hold. Written out rather
 * than sorting and calling JSON.stringify, because a JavaScript object puts integer-like keys
 * ("2", "10") first whatever order they were inserted in.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const withToJson = value as { toJSON?: () => unknown };
    if (typeof withToJson.toJSON === "function") return canonicalJson(withToJson.toJSON());
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(",")}}`;
  }
  // undefined, functions and symbols have no JSON form; like JSON.stringify in an array, they become null.
  return JSON.stringify(value) ?? "null";
}

export function canonicalEntry(entry: ChainedContent): string {
  return canonicalJson([
    LEDGER_FORMAT,
    entry.at.toISOString(),
    entry.actor,
    entry.action,
    entry.target,
    entry.reason ?? null,
    entry.details,
    entry.prevHash,
  ]);
}

export function entryHash(entry: ChainedContent): string {
  return createHash("sha256").update(canonicalEntry(entry), "utf8").digest("hex");
}
