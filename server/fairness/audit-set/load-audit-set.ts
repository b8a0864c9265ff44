import fs from "node:fs";
import path from "node:path";
import { sha256Hex } from "../../hashing";
import { auditSetSchema, type AuditSet } from "./schema";

/** Relative to the working directory, as every shipped data file is (the web bundle has no import.meta.dirname). */
export const AUDIT_SETS_DIR = path.resolve(/* turbopackIgnore: true */ process.cwd(), "data/audit-sets");
export const CURRENT_AUDIT_SET = "v1";

export interface LoadedAuditSet {
  set: AuditSet;
  version: string;
  /** sha256 of the file's bytes: an audit records it, so its cases can be proven to be these. */
  sha256: string;
  file: string;
}

/** The shipped set, read and validated once per process: it is part of the release, never edited in place. */
let shipped: LoadedAuditSet | undefined;

/**
 * Reads and validates an audit set (by default the shipped current one, remembered after its first
 * read); a bad file fails with the file and what is wrong in it.
 */
export function loadAuditSet(file?: string): LoadedAuditSet {
  if (file !== undefined) return readAuditSet(file);
  shipped ??= readAuditSet(path.join(/* turbopackIgnore: true */ AUDIT_SETS_DIR, `${CURRENT_AUDIT_SET}.json`));
  return shipped;
}

function readAuditSet(file: string): LoadedAuditSet {
  let bytes: Buffer;
  try {
    // Read at run time from the working directory; the web build must not trace the project for it.
    bytes = fs.readFileSync(/* turbopackIgnore: true */ file);
  } catch (error) {
    throw new Error(`audit set ${file} cannot be read: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new Error(`audit set ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = auditSetSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
      .join("; ");
    throw new Error(`audit set ${file} is invalid: ${problems}`);
  }
  return { set: parsed.data, version: parsed.data.version, sha256: sha256Hex(bytes), file };
}
