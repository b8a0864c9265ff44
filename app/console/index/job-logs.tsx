"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { ErrorState, LoadingRows } from "@/components/console/states";
import type { IndexJob, IndexQueue } from "./types";
import { isRunning, RUNNING_REFRESH_MS } from "./use-index-jobs";

/** What the job wrote with job.log, oldest first, followed while the job runs. */
export function JobLogs({ job }: { job: IndexJob }) {
  const trpc = useTRPC();
  const logs = useQuery({
    // index.jobs lists only the index queues, which are exactly the ones jobLogs accepts.
    ...trpc.index.jobLogs.queryOptions({ queue: job.queue as IndexQueue, id: job.id }),
    refetchInterval: isRunning(job) ? RUNNING_REFRESH_MS : false,
  });
  if (logs.isPending) return <LoadingRows rows={2} label="Loading logs" />;
  if (logs.error) return <ErrorState error={logs.error} onRetry={() => void logs.refetch()} />;
  if (logs.data.length === 0) return <p className="text-sm text-muted-foreground">No log lines yet.</p>;
  return (
    <pre
      className="max-h-64 overflow-auto whitespace-pre-wrap [overflow-wrap:anywhere] rounded-md bg-muted p-3 font-mono text-xs"
      data-testid="job-logs"
    >
      {logs.data.join("\n")}
    </pre>
  );
}
