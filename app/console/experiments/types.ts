import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api";

type ExperimentsOutputs = inferRouterOutputs<AppRouter>["experiments"];

export type Experiment = ExperimentsOutputs["list"][number];
export type Results = ExperimentsOutputs["results"];
export type ArmFigures = Results["arms"][number];
export type Analysis = Results["analysis"];
export type MetricResult = Analysis["metrics"][number];
export type GuardrailReport = Analysis["guardrails"][number];
export type StopEntry = NonNullable<Results["stop"]>;
