"use client";

import { ChevronDown, ChevronRight } from "lucide-react";
import { Fragment, useState } from "react";
import { formatDate } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { shortVersion } from "./format";
import { JobLogs } from "./job-logs";
import type { IndexJob } from "./types";
import { RUNNING_REFRESH_MS, useIndexJobs } from "./use-index-jobs";

const COLUMNS = 8;
const stateTone = { completed: "good", failed: "bad", active: "warn" } as const;
const jobKey = (job: IndexJob) => `${job.queue}:${job.id}`;

export function JobsPanel() {
  const jobs = useIndexJobs();
  const [expanded, setExpanded] = useState<string[]>([]);
  const toggle = (key: string) =>
    setExpanded((current) => (current.includes(key) ? current.filter((k) => k !== key) : [...current, key]));

  return (
    <Card aria-labelledby="index-jobs-title">
      <CardHeader>
        <CardTitle id="index-jobs-title">Index jobs</CardTitle>
        <CardDescription>
          embed → build-index → validate-index, and publishes. Refreshed every {RUNNING_REFRESH_MS / 1000} s while a job
          runs.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <QueryView
          query={jobs}
          empty={{ title: "No index jobs yet", body: "Builds and validations queued here or from the CLI show up." }}
        >
          {(rows) => (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Job</TableHead>
                  <TableHead>Details</TableHead>
                  <TableHead>State</TableHead>
                  <TableHead>Progress</TableHead>
                  <TableHead>Attempts</TableHead>
                  <TableHead>Created</TableHead>
                  <TableHead>Failure</TableHead>
                  <TableHead>
                    <span className="sr-only">Logs</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((job) => {
                  const key = jobKey(job);
                  const open = expanded.includes(key);
                  return (
                    <Fragment key={key}>
                      <TableRow data-testid={`job-${job.queue}-${job.id}`}>
                        <TableCell className="whitespace-nowrap">
                          <span className="font-medium">{job.queue}</span> <code>#{job.id}</code>
                          {job.name !== job.queue ? <span className="text-muted-foreground"> {job.name}</span> : null}
                        </TableCell>
                        <TableCell className="max-w-xs text-sm">
                          <JobDetails data={job.data} />
                        </TableCell>
                        <TableCell>
                          <Badge
                            tone={stateTone[job.state as keyof typeof stateTone] ?? "neutral"}
                            data-testid="job-state"
                          >
                            {job.state}
                          </Badge>
                        </TableCell>
                        <TableCell>
                          <ProgressBar value={progressOf(job)} label={`${job.queue} job ${job.id} progress`} />
                        </TableCell>
                        <TableCell>{job.attemptsMade}</TableCell>
                        <TableCell className="whitespace-nowrap">{formatDate(job.createdAt)}</TableCell>
                        <TableCell className="max-w-xs text-red-800">
                          <span className="line-clamp-2" title={job.failedReason ?? undefined}>
                            {job.failedReason ?? ""}
                          </span>
                        </TableCell>
                        <TableCell className="text-right">
                          <Button variant="ghost" size="sm" aria-expanded={open} onClick={() => toggle(key)}>
                            {open ? <ChevronDown aria-hidden /> : <ChevronRight aria-hidden />}
                            Logs
                          </Button>
                        </TableCell>
                      </TableRow>
                      {open ? (
                        <TableRow className="hover:bg-transparent">
                          <TableCell colSpan={COLUMNS}>
                            <JobLogs job={job} />
                          </TableCell>
                        </TableRow>
                      ) : null}
                    </Fragment>
                  );
                })}
              </TableBody>
            </Table>
          )}
        </QueryView>
      </CardContent>
    </Card>
  );
}

/** Jobs report progress as a number 0–100; a finished job that never reported one is done all the same. */
function progressOf(job: IndexJob): number {
  if (typeof job.progress === "number") return Math.round(Math.min(100, Math.max(0, job.progress)));
  return job.state === "completed" ? 100 : 0;
}

function ProgressBar({ value, label }: { value: number; label: string }) {
  return (
    <div className="flex items-center gap-2">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        className="h-2 w-24 overflow-hidden rounded-full bg-muted"
      >
        <div className="h-full bg-primary transition-[width]" style={{ width: `${value}%` }} />
      </div>
      <span className="w-10 text-right text-xs tabular-nums text-muted-foreground">{value}%</span>
    </div>
  );
}

/** The payload fields that say what a job is about; anything else in it is plumbing. */
function JobDetails({ data }: { data: unknown }) {
  const fields = typeof data === "object" && data !== null ? (data as Record<string, unknown>) : {};
  const text = (key: string) => (typeof fields[key] === "string" && fields[key] ? (fields[key] as string) : null);
  const version = text("version");
  const what = [
    text("kind"),
    version ? shortVersion(version) : fields.rollback === true ? "previous version" : null,
  ].filter(Boolean);
  const reason = text("reason");
  const by = text("requestedBy");
  return (
    <div className="flex flex-col">
      {what.length > 0 ? <span title={version ?? undefined}>{what.join(" · ")}</span> : null}
      {reason ? (
        <span className="truncate text-muted-foreground" title={reason}>
          “{reason}”
        </span>
      ) : null}
      {by ? <span className="text-xs text-muted-foreground">by {by}</span> : null}
    </div>
  );
}
