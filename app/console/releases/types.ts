import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api";

type ReleasesOutputs = inferRouterOutputs<AppRouter>["releases"];

export type Release = ReleasesOutputs["list"][number];
export type ReleaseMetrics = ReleasesOutputs["metrics"][number];
export type AliasMove = ReleasesOutputs["timeline"][number];
