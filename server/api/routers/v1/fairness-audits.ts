import { z } from "zod";
import { getFairnessAudit, listFairnessAudits } from "../../../fairness-audits";
import { router } from "../../trpc";
import { iso, readProcedure } from "./read-procedure";
import { fairnessAuditSchema } from "./schemas";

/** Fairness audits of releases and their results, as the console's Bias → Audits lists them. */
type AuditRow = Awaited<ReturnType<typeof getFairnessAudit>>;
const auditOut = (row: AuditRow): z.input<typeof fairnessAuditSchema> => ({
  id: row.id,
  release: row.release,
  status: row.status,
  threshold: row.threshold,
  auditSet: row.auditSet,
  cases: row.cases,
  done: row.done,
  summary: row.summary as Record<string, unknown> | null,
  startedAt: iso(row.startedAt),
  finishedAt: iso(row.finishedAt),
  createdAt: row.createdAt.toISOString(),
});

export const v1FairnessAuditsRouter = router({
  list: readProcedure("/fairness-audits", "fairness audits", "Fairness audits, newest first")
    .input(z.object({ release: z.string().trim().min(1).optional().describe("Only audits of this release") }))
    .output(z.object({ audits: z.array(fairnessAuditSchema) }))
    .query(async ({ input }) => ({ audits: (await listFairnessAudits({ release: input.release })).map(auditOut) })),

  get: readProcedure("/fairness-audits/{id}", "fairness audits", "One fairness audit and its results")
    .input(z.object({ id: z.coerce.number().int().positive("id is a positive integer (an audit's id)") }))
    .output(fairnessAuditSchema)
    .query(async ({ input }) => auditOut(await getFairnessAudit(input.id))),
});
