import { Badge } from "@/components/ui/badge";
import type { Audit } from "./types";

const TONE = { queued: "neutral", running: "warn", passed: "good", failed: "bad", error: "bad" } as const;

/** An audit is in flight or finished until it has a verdict: the status, with progress while it runs. */
export const inFlight = (audit: Pick<Audit, "status">) => audit.status === "queued" || audit.status === "running";

/** queued / running (done of cases) / passed / failed / error. */
export function AuditStatus({ audit }: { audit: Pick<Audit, "status" | "done" | "cases"> }) {
  return (
    <span className="flex flex-wrap items-center gap-2">
      <Badge tone={TONE[audit.status]} data-testid="audit-status">
        {audit.status}
      </Badge>
      {inFlight(audit) ? (
        <span className="flex items-center gap-2 text-xs text-muted-foreground">
          <progress
            className="h-2 w-20"
            max={audit.cases}
            value={audit.done}
            aria-label={`${audit.done} of ${audit.cases} cases`}
          />
          <span data-testid="audit-progress">
            {audit.done} / {audit.cases} cases
          </span>
        </span>
      ) : null}
    </span>
  );
}
