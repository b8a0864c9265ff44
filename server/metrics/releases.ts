import { Counter } from "prom-client";
import { group } from "./registry";

/** Release moves, by alias (production, and the few others people make) and action. */

export const releaseMetrics = group("releases", (registers) => ({
  promotions: new Counter({
    name: "apfa_release_promotions_total",
    help: "Releases moved onto an alias by this process, by alias and action (promote or rollback)",
    labelNames: ["alias", "action"] as const,
    registers,
  }),
}));

export function countPromotion(alias: string, action: "promote" | "rollback"): void {
  releaseMetrics().promotions.inc({ alias, action });
}
