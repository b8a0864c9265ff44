import { z } from "zod";
import { experimentResults } from "../../../advice";
import { getExperiment, listExperiments, type Experiment } from "../../../experiments";
import { getFairnessAudit, listFairnessAudits } from "../../../fairness-audits";
import { getRelease, listReleaseAliases } from "../../../registry";
import { listReleaseViews, releaseView, type ReleaseView } from "../../../releases";
import { router, userOrPartnerProcedure } from "../../trpc";
import { experimentResultsSchema, experimentSchema, fairnessAuditSchema, releaseSchema } from "./schemas";

/**
 * The read APIs of releases, experiments between them and their fairness audits: partners with a
 * `registry:read` key (and ML engineers signed in to the console), the same domain reads as the
 * console's procedures, shaped as the partner contract in ./schemas.
 */
const readProcedure = (path: `/${string}`, tag: string, summary: string) =>
  userOrPartnerProcedure("ml_engineer", "registry:read", { method: "GET", path, summary, tags: [tag], protect: true });

const iso = (date: Date | null) => (date ? date.toISOString() : null);

const releaseOut = (view: ReleaseView): z.input<typeof releaseSchema> => ({
  version: view.version,
  aliases: view.aliases,
  components: view.components,
  changelog: view.changelog,
  createdAt: view.createdAt.toISOString(),
  archived: view.archived,
  gates: view.gates.map(({ name, status, blocking, reason }) => ({ name, status, blocking, reason })),
  shadowReplay: view.shadow && {
    status: view.shadow.status,
    questions: view.shadow.questions,
    finishedAt: iso(view.shadow.finishedAt),
  },
});

const experimentOut = (row: Experiment): z.input<typeof experimentSchema> => ({
  key: row.key,
  hypothesis: row.hypothesis,
  variants: row.variants,
  weights: row.weights,
  coverage: row.coverage,
  primaryMetric: row.primaryMetric,
  guardrails: row.guardrails,
  status: row.status,
  startedAt: iso(row.startedAt),
  stoppedAt: iso(row.stoppedAt),
  stopReason: row.stopReason,
  shippedVariant: row.shippedVariant,
  createdAt: row.createdAt.toISOString(),
});

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

const version = z.string().trim().min(1, "version is required");
const key = z.string().trim().min(1, "key is required");

export const v1ReleasesRouter = router({
  list: readProcedure("/releases", "releases", "Every release, highest version first")
    .input(z.object({}))
    .output(z.object({ releases: z.array(releaseSchema) }))
    .query(async () => ({ releases: (await listReleaseViews()).map(releaseOut) })),

  get: readProcedure("/releases/{version}", "releases", "One release: its components, aliases and gates")
    .input(z.object({ version }))
    .output(releaseSchema)
    .query(async ({ input }) => {
      const [row, aliases] = await Promise.all([getRelease(input.version), listReleaseAliases()]);
      const view = await releaseView(
        row,
        aliases.filter((alias) => alias.release === row.version).map((alias) => alias.alias),
      );
      return releaseOut(view);
    }),
});

export const v1ExperimentsRouter = router({
  list: readProcedure("/experiments", "experiments", "Every experiment between releases, oldest first")
    .input(z.object({}))
    .output(z.object({ experiments: z.array(experimentSchema) }))
    .query(async () => ({ experiments: (await listExperiments()).map(experimentOut) })),

  get: readProcedure("/experiments/{key}", "experiments", "One experiment")
    .input(z.object({ key }))
    .output(experimentSchema)
    .query(async ({ input }) => experimentOut(await getExperiment(input.key))),

  results: readProcedure("/experiments/{key}/results", "experiments", "An experiment's live results against control")
    .input(z.object({ key }))
    .output(experimentResultsSchema)
    .query(async ({ input }) => {
      const experiment = await getExperiment(input.key);
      const results = await experimentResults(input.key);
      return {
        experiment: experimentOut(experiment),
        arms: results.arms,
        srm: { ...results.analysis.srm },
        metrics: results.analysis.metrics.map((metric) => ({ ...metric })),
        guardrails: results.analysis.guardrails.map((guardrail) => ({ ...guardrail })),
        breachedArms: results.analysis.breachedArms,
        exposuresPerDay: results.exposuresPerDay,
      };
    }),
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
