import { adviceRouter } from "./routers/advice";
import { auditRouter } from "./routers/audit";
import { biasRouter } from "./routers/bias";
import { experimentsRouter } from "./routers/experiments";
import { fairnessAuditsRouter } from "./routers/fairness-audits";
import { indexRouter } from "./routers/index-versions";
import { jobsRouter } from "./routers/jobs";
import { meRouter } from "./routers/me";
import { partnersRouter } from "./routers/partners";
import { registryRouter } from "./routers/registry";
import { releasesRouter } from "./routers/releases";
import { reviewRouter } from "./routers/review";
import { selfDeclaredRouter } from "./routers/self-declared";
import { tracesRouter } from "./routers/traces";
import { v1Router } from "./routers/v1";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  me: meRouter,
  advice: adviceRouter,
  partners: partnersRouter,
  jobs: jobsRouter,
  registry: registryRouter,
  releases: releasesRouter,
  experiments: experimentsRouter,
  bias: biasRouter,
  fairnessAudits: fairnessAuditsRouter,
  index: indexRouter,
  audit: auditRouter,
  selfDeclared: selfDeclaredRouter,
  review: reviewRouter,
  traces: tracesRouter,
  v1: v1Router,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
