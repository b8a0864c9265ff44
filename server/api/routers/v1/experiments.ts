import { z } from "zod";
import { experimentResults } from "../../../advice";
import { getExperiment, listExperiments, type Experiment } from "../../../experiments";
import { router } from "../../trpc";
import { iso, readProcedure } from "./read-procedure";
import { experimentResultsSchema, experimentSchema } from "./schemas";

/** Experiments and their live results, from the same domain reads as the console's Experiments page. */
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

const key = z.string().trim().min(1, "key is required");

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
