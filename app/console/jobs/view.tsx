"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { formatDate, formatNumber } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";
import { PageHeader } from "@/components/console/states";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

const REFRESH_MS = 5_000;
const COUNT_COLUMNS = ["waiting", "active", "delayed", "completed", "failed"] as const;
const stateTone = { completed: "good", failed: "bad", active: "warn" } as const;

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
      <div className="grid gap-4">
        <Card>
          <CardHeader>
            <CardTitle>Queues</CardTitle>
          </CardHeader>
          <CardContent>
            <QueryView query={overview} empty={{ title: "No queues" }}>
              {(queues) => (
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHead>Queue</TableHead>
                      {COUNT_COLUMNS.map((column) => (
                        <TableHead key={column}>{column}</TableHead>
                      ))}
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {queues.map((queue) => (
                      <TableRow key={queue.name}>
                        <TableCell className="font-medium">{queue.name}</TableCell>
                        {COUNT_COLUMNS.map((column) => (
                          <TableCell key={column} data-testid={`count-${queue.name}-${column}`}>
                            {formatNumber(queue.counts[column] ?? 0)}
                          </TableCell>
                        ))}
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
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
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHead>Queue</TableHead>
                      <TableHead>Job</TableHead>
                      <TableHead>State</TableHead>
                      <TableHead>Attempts</TableHead>
                      <TableHead>Created</TableHead>
                      <TableHead>Failure</TableHead>
                      <TableHead>
                        <span className="sr-only">Actions</span>
                      </TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {jobs.map((job) => (
                      <TableRow key={`${job.queue}:${job.id}`}>
                        <TableCell>{job.queue}</TableCell>
                        <TableCell>
                          <code>{job.id}</code>
                        </TableCell>
                        <TableCell>
                          <Badge tone={stateTone[job.state as keyof typeof stateTone] ?? "neutral"}>{job.state}</Badge>
                        </TableCell>
                        <TableCell>{job.attemptsMade}</TableCell>
                        <TableCell>{formatDate(job.createdAt)}</TableCell>
                        <TableCell className="max-w-xs truncate" title={job.failedReason ?? undefined}>
                          {job.failedReason ?? "—"}
                        </TableCell>
                        <TableCell className="text-right">
                          {job.state === "failed" ? (
                            <Button
                              variant="outline"
                              size="sm"
                              disabled={retry.isPending}
                              onClick={() => retry.mutate({ queue: job.queue, id: job.id })}
                            >
                              Retry
                            </Button>
                          ) : null}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </QueryView>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
