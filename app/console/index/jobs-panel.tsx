"use client";

import { ChevronDown, ChevronRight } from "lucide-react";
import { useState } from "react";
import { DataTable } from "@/components/console/data-table";
import { formatDate } from "@/components/console/format";
import { JobState } from "@/components/console/job-state";
import { QueryView } from "@/components/console/query-view";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { shortVersion } from "./format";
import { JobLogs } from "./job-logs";
import type { IndexJob } from "./types";
import { RUNNING_REFRESH_MS, useIndexJobs } from "./use-index-jobs";

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
            <DataTable
              rows={rows}
              rowKey={jobKey}
              rowProps={(job) => ({ "data-testid": `job-${job.queue}-${job.id}` })}
              detail={(job) => (expanded.includes(jobKey(job)) ? <JobLogs job={job} /> : null)}
              columns={[
                {
                  header: "Job",
                  className: "whitespace-nowrap",
                  cell: (job) => (
                    <>
                      <span className="font-medium">{job.queue}</span> <code>#{job.id}</code>
                      {job.name !== job.queue ? <span className="text-muted-foreground"> {job.name}</span> : null}
                    </>
                  ),
                },
                { header: "Details", className: "max-w-xs text-sm", cell: (job) => <JobDetails data={job.data} /> },
                {
                  header: "State",
                  cell: (job) => <JobState job={job} />,
                },
                {
                  header: "Progress",
                  cell: (job) => <ProgressBar value={progressOf(job)} label={`${job.queue} job ${job.id} progress`} />,
                },
                { header: "Attempts", cell: (job) => job.attemptsMade },
                { header: "Created", className: "whitespace-nowrap", cell: (job) => formatDate(job.createdAt) },
                {
                  header: "Failure",
                  className: "max-w-xs text-red-800",
                  cell: (job) => (
                    <span className="line-clamp-2" title={job.failedReason ?? undefined}>
                      {job.failedReason ?? ""}
                    </span>
                  ),
                },
                {
                  header: <span className="sr-only">Logs</span>,
                  className: "text-right",
                  cell: (job) => {
                    const open = expanded.includes(jobKey(job));
                    return (
                      <Button variant="ghost" size="sm" aria-expanded={open} onClick={() => toggle(jobKey(job))}>
                        {open ? <ChevronDown aria-hidden /> : <ChevronRight aria-hidden />}
                        Logs
                      </Button>
                    );
                  },
                },
              ]}
            />
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
