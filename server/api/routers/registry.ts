import { z } from "zod";
import { metricsByComponentVersion } from "../../advice";
import {
  findRelease,
  componentsOf,
  listAllVersions,
  listModelAliases,
  listModels,
  PRODUCTION,
  registerVersion,
  registerVersionInput,
  releaseAt,
  setModelAlias,
  toRegisterInput,
} from "../../registry";
import { mlProcedure, router, userOrPartnerProcedure } from "../trpc";

/** Read-only procedures partners may call too, with a key carrying `registry:read`. */
const readProcedure = userOrPartnerProcedure("ml_engineer", "registry:read");

/** The model registry as the console's Models page and partners read it, and the few changes made from the console. */
export const registryRouter = router({
  /** Every model with its versions (lowest semver first, metadata included) and its aliases. */
  models: readProcedure.query(async () => {
    const [models, versions, aliases] = await Promise.all([listModels(), listAllVersions(), listModelAliases()]);
    return models.map((model) => ({
      ...model,
      versions: versions.filter((version) => version.model === model.name),
      aliases: aliases
        .filter((alias) => alias.model === model.name)
        .map(({ alias, version, movedBy, movedAt }) => ({ alias, version, movedBy, movedAt })),
    }));
  }),

  /**
   * Live metrics per component version from the stored advice requests (each names the versions
   * that served it); `since` limits them to recent requests.
   */
  metrics: readProcedure
    .input(z.object({ since: z.coerce.date({ error: "since must be an ISO-8601 time" }).optional() }).optional())
    .query(({ input }) => metricsByComponentVersion(input?.since)),

  /** Which release was in production at time T, from the hash-chained ledger (null before the first promotion). */
  productionAt: readProcedure
    .input(z.object({ at: z.coerce.date({ error: "at must be an ISO-8601 time" }) }))
    .query(async ({ input }) => {
      const move = await releaseAt(PRODUCTION, input.at);
      if (!move) return null;
      const release = await findRelease(move.release);
      return { ...move, components: release ? componentsOf(release) : null };
    }),

  register: mlProcedure
    .input(registerVersionInput)
    .mutation(({ ctx, input }) => registerVersion(toRegisterInput(input), ctx.user.email)),

  /** Points a model's alias (`staging`, custom; a model alias only labels a version) at one of its versions. */
  setAlias: mlProcedure
    .input(
      z.object({
        model: z.string().trim().min(1, "model is required"),
        alias: z.string().trim().min(1, "alias is required"),
        version: z.string().trim().min(1, "version is required"),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await setModelAlias(input.model, input.alias, input.version, ctx.user.email);
      return { ok: true as const };
    }),
});
