import { Badge } from "@/components/ui/badge";
import type { Experiment } from "./types";

const TONE = { draft: "neutral", running: "good", stopped: "warn" } as const;

/** draft, running or stopped; a stop says whether it shipped an arm. */
export function StatusBadge({ experiment }: { experiment: Pick<Experiment, "status" | "shippedVariant"> }) {
  return (
    <Badge tone={TONE[experiment.status]} data-testid="experiment-status">
      {experiment.status}
      {experiment.status === "stopped" && experiment.shippedVariant !== null
        ? ` (shipped arm ${experiment.shippedVariant})`
        : ""}
    </Badge>
  );
}
