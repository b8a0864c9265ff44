import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api";

type ReviewOutputs = inferRouterOutputs<AppRouter>["review"];
type ReviewInputs = inferRouterInputs<AppRouter>["review"];

export type ReviewItem = ReviewOutputs["list"]["items"][number];
export type ReviewFilter = NonNullable<ReviewInputs["list"]["filter"]>;
export type ReviewPrecision = ReviewOutputs["precision"];
export type BulkAction = ReviewInputs["bulk"]["action"];
export type DetectorEvaluation = inferRouterOutputs<AppRouter>["bias"]["detectorEval"];
