import { PROTECTED_ATTRIBUTES } from "@/server/fairness";
import {
  getFairnessAudit,
  listFairnessAudits,
  requestFairnessAudit,
  runOrWaitFor,
  type AuditRow,
} from "@/server/fairness-audits";
import { cliActor } from "../actor";
import type { Command } from "../command";
import { UsageError } from "../command";

const USAGE = `npm run cli -- fairness <action> [options]

  audit --release <version> [--wait] [--json]
                    a counterfactual fairness audit of the release (in the worker): every
                    audit-set question asked again with one protected attribute changed (sex,
                    race_ethnicity, age, marital_status, national_origin, public_assistance)
                    and with matched controls; per attribute, the mean disparity minus the
                    controls' baseline with a 95 % interval, held to the release's bias policy.
                    With --wait, prints {release, cases, attributes: {<attr>: {disparity,
                    baseline, score, ci, passed}}, passed} and exits 1 if the audit failed.
  audits [--release <version>] [--json]
                    audits, newest first, with status and scores

  (fairness-report --csv … computes group metrics for any CSV: npm run cli -- fairness-report --help)`;

/** The contract's shape (and the audit's id, status and threshold besides). */
export function auditJson(row: AuditRow) {
  return {
    release: row.release,
    cases: row.summary?.cases ?? row.cases,
    attributes: inOrder(row),
    passed: row.status === "passed",
    auditId: row.id,
    status: row.status,
    threshold: row.threshold,
    auditSet: row.auditSet,
    ...(row.error ? { error: row.error } : {}),
  };
}

/** The attributes in the contract's order (the database keeps JSON keys in its own order). */
function inOrder(row: AuditRow) {
  const attributes = row.summary?.attributes;
  return attributes
    ? Object.fromEntries(PROTECTED_ATTRIBUTES.filter((a) => attributes[a]).map((a) => [a, attributes[a]]))
    : {};
}

function printAudit(row: AuditRow): void {
  console.log(
    `audit ${row.id} of release ${row.release}: ${row.status}` +
      (row.threshold === null ? "" : ` (threshold ${row.threshold})`) +
      (row.error ? ` — ${row.error}` : ""),
  );
  for (const [attribute, score] of Object.entries(inOrder(row))) {
    console.log(
      `  ${attribute.padEnd(18)} score ${score.score.toFixed(3).padStart(7)} ` +
        `[${score.ci[0].toFixed(3)}, ${score.ci[1].toFixed(3)}]  disparity ${score.disparity.toFixed(3)} − baseline ${score.baseline.toFixed(3)}  ${score.passed ? "passed" : "FAILED"}`,
    );
  }
}

async function audit(values: Record<string, unknown>): Promise<number> {
  const version = values.release;
  if (typeof version !== "string" || version === "") throw new UsageError("fairness audit needs --release <version>");
  const queued = await requestFairnessAudit({ version, actor: cliActor().email });
  if (!values.wait) {
    const row = await getFairnessAudit(queued.auditId);
    if (values.json) console.log(JSON.stringify(auditJson(row), null, 2));
    else
      console.log(
        `${queued.joined ? "joined" : "queued"} fairness audit ${row.id} of release ${row.release} (${row.cases} cases); ` +
          `see fairness audits, or add --wait`,
      );
    return 0;
  }
  // Run here unless the worker has it already (then wait): the verdict comes either way.
  const row = await runOrWaitFor(queued.auditId);
  if (values.json) console.log(JSON.stringify(auditJson(row), null, 2));
  else printAudit(row);
  return row.status === "passed" ? 0 : 1;
}

async function audits(values: Record<string, unknown>): Promise<number> {
  const release = typeof values.release === "string" ? values.release : undefined;
  const rows = await listFairnessAudits({ release });
  if (values.json) console.log(JSON.stringify(rows.map(auditJson), null, 2));
  else if (rows.length === 0) console.log("no fairness audits yet (fairness audit --release <version>)");
  else
    for (const row of rows) {
      const scores = Object.entries(inOrder(row))
        .map(([attribute, score]) => `${attribute} ${score.score.toFixed(2)}`)
        .join(", ");
      console.log(
        `${String(row.id).padStart(5)}  ${row.release.padEnd(12)} ${row.status.padEnd(8)} ${row.done}/${row.cases} cases  ${scores}`,
      );
    }
  return 0;
}

export const fairnessCommand: Command = {
  name: "fairness",
  summary: "counterfactual fairness audits of releases: audit one, list them",
  usage: USAGE,
  options: {
    release: { type: "string" },
    wait: { type: "boolean" },
    json: { type: "boolean" },
  },
  async run({ positionals: [action, ...rest], values }) {
    if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(" ")}`);
    switch (action) {
      case "audit":
        return audit(values);
      case "audits":
        return audits(values);
      default:
        throw new UsageError(
          action ? `unknown fairness command: ${action}` : "name a fairness command (audit, audits)",
        );
    }
  },
};
