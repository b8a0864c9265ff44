"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { type Column, DataTable } from "@/components/console/data-table";
import { formatDate, formatNumber } from "@/components/console/format";
import { JobState } from "@/components/console/job-state";
import { QueryView } from "@/components/console/query-view";
import { PageHeader } from "@/components/console/states";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

const REFRESH_MS = 5_000;
const COUNT_COLUMNS = ["waiting", "active", "delayed", "completed", "failed"] as const;

export function JobsView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const overview = useQuery({ ...trpc.jobs.overview.queryOptions(), refetchInterval: REFRESH_MS });
  const recent = useQuery({ ...trpc.jobs.recent.queryOptions({ limit: 50 }), refetchInterval: REFRESH_MS });
  const retry = useMutation(
    trpc.jobs.retry.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.jobs.pathKey() }),
    }),
  );

  return (
    <>
      <PageHeader title="Jobs" description={`Background queues, refreshed every ${REFRESH_MS / 1000} s.`} />
      {/* One column that may be narrower than its content (grid-cols-1 is minmax(0, 1fr)): a wide
          table scrolls inside its card instead of stretching the page past the window. */}
      <div className="grid grid-cols-1 gap-4">
        <Card>
          <CardHeader>
            <CardTitle>Queues</CardTitle>
          </CardHeader>
          <CardContent>
            <QueryView query={overview} empty={{ title: "No queues" }}>
              {(queues) => (
                <DataTable
                  rows={queues}
                  rowKey={(queue) => queue.name}
                  columns={[
                    { header: "Queue", className: "font-medium", cell: (queue) => queue.name },
                    ...COUNT_COLUMNS.map((column): Column<(typeof queues)[number]> => ({
                      header: column,
                      cell: (queue) => formatNumber(queue.counts[column] ?? 0),
                      cellProps: (queue) => ({ "data-testid": `count-${queue.name}-${column}` }),
                    })),
                  ]}
                />
              )}
            </QueryView>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Recent jobs</CardTitle>
          </CardHeader>
          <CardContent>
            {retry.error ? (
              <Alert tone="error" className="mb-3">
                {retry.error.message}
              </Alert>
            ) : null}
            <QueryView
              query={recent}
              empty={{
                title: "No jobs have run yet",
                body: "Jobs appear here when something is queued, e.g. npm run cli -- ingest <file> --queue.",
              }}
            >
              {(jobs) => (
                <DataTable
                  rows={jobs}
                  rowKey={(job) => `${job.queue}:${job.id}`}
                  columns={[
                    { header: "Queue", cell: (job) => job.queue },
                    { header: "Job", cell: (job) => <code>{job.id}</code> },
                    {
                      header: "State",
                      cell: (job) => <JobState job={job} />,
                    },
                    { header: "Attempts", cell: (job) => job.attemptsMade },
                    { header: "Created", cell: (job) => formatDate(job.createdAt) },
                    {
                      header: "Failure",
                      className: "max-w-xs truncate",
                      cellProps: (job) => ({ title: job.failedReason ?? undefined }),
                      cell: (job) => job.failedReason ?? "—",
                    },
                    {
                      header: <span className="sr-only">Actions</span>,
                      className: "text-right",
                      cell: (job) =>
                        job.state === "failed" ? (
                          <Button
                            variant="outline"
                            size="sm"
                            disabled={retry.isPending}
                            onClick={() => retry.mutate({ queue: job.queue, id: job.id })}
                          >
                            Retry
                          </Button>
                        ) : null,
                    },
                  ]}
                />
              )}
            </QueryView>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
