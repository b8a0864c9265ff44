import { router } from "../../trpc";
import { v1AdviceRouter } from "./advice";
import { v1ExperimentsRouter } from "./experiments";
import { v1FairnessAuditsRouter } from "./fairness-audits";
import { v1ReleasesRouter } from "./releases";

/**
 * The partner API: procedures with an `openapi` method and path, served as REST under /api/v1
 * (server/api/rest.ts, ADR 026) and, being tRPC procedures, under /api/trpc/v1.* too.
 */
export const v1Router = router({
  advice: v1AdviceRouter,
  releases: v1ReleasesRouter,
  experiments: v1ExperimentsRouter,
  fairnessAudits: v1FairnessAuditsRouter,
});
