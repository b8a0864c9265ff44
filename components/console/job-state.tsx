import { Badge } from "../ui/badge";
import { formatDate } from "./format";

const tone = { completed: "good", failed: "bad", active: "warn" } as const;

/** A queue job's state; a delayed one also says when it will run (an hourly refresh, a retry's backoff). */
export function JobState({ job }: { job: { state: string; runsAt: number | null } }) {
  return (
    <div className="flex flex-col items-start gap-0.5">
      <Badge tone={tone[job.state as keyof typeof tone] ?? "neutral"} data-testid="job-state">
        {job.state}
      </Badge>
      {job.runsAt !== null ? (
        <span className="whitespace-nowrap text-xs text-muted-foreground">runs {formatDate(job.runsAt)}</span>
      ) : null}
    </div>
  );
}
