import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api";

type RegistryOutputs = inferRouterOutputs<AppRouter>["registry"];

export type RegistryModel = RegistryOutputs["models"][number];
export type ModelVersion = RegistryModel["versions"][number];
export type VersionMetrics = RegistryOutputs["metrics"][number];
export type RegisterVersionInput = inferRouterInputs<AppRouter>["registry"]["register"];
export type ModelKind = RegistryModel["kind"];
