import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api";

type ReleasesOutputs = inferRouterOutputs<AppRouter>["releases"];

export type Release = ReleasesOutputs["list"][number];
export type Gate = Release["gates"][number];
export type ShadowReplay = NonNullable<Release["shadow"]>;
export type ReleaseMetrics = ReleasesOutputs["metrics"][number];
export type AliasMove = ReleasesOutputs["timeline"][number];
export type PolicyView = ReleasesOutputs["policy"];
