import fs from "node:fs";
import path from "node:path";
import prettier from "prettier";
import { AUDIT_SETS_DIR, loadAuditSet } from "../server/fairness";
import { auditSetFromCorpus } from "./audit-set-from-corpus";

/**
 * Writes data/audit-sets/<version>.json from the shipped corpus (how: data/audit-sets/README.md).
 * Usage: node --import tsx scripts/build-audit-set.ts [version]   (default v1)
 * A published version is never overwritten: audits record its sha256, so a change is a new version.
 */

const version = process.argv[2] ?? "v1";
const file = path.join(AUDIT_SETS_DIR, `${version}.json`);
const force = process.argv.includes("--force");

if (fs.existsSync(file) && !force) {
  console.error(`${file} exists; audits refer to it by digest. Build a new version instead (or pass --force).`);
  process.exit(1);
}

const set = await auditSetFromCorpus(version);
const options = (await prettier.resolveConfig(file)) ?? {};
fs.mkdirSync(AUDIT_SETS_DIR, { recursive: true });
fs.writeFileSync(file, await prettier.format(JSON.stringify(set), { ...options, parser: "json" }));
const loaded = loadAuditSet(file);
console.log(`${file}: ${loaded.set.cases.length} cases, ${loaded.version}, sha256 ${loaded.sha256}`);
