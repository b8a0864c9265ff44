import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api";

type IndexOutputs = inferRouterOutputs<AppRouter>["index"];

export type IndexVersion = IndexOutputs["versions"][number];
export type IndexJob = IndexOutputs["jobs"][number];
export type FleetInstance = IndexOutputs["fleet"][number];
export type AnnTriggers = IndexOutputs["triggers"];
export type TriggerCheck = AnnTriggers["checks"][number];
export type IndexQueue = inferRouterInputs<AppRouter>["index"]["jobLogs"]["queue"];
