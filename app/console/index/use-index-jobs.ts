"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/app/_trpc/client";
import type { IndexJob } from "./types";

/** Fast while something runs, so progress moves; slow otherwise, to notice jobs queued elsewhere. */
export const RUNNING_REFRESH_MS = 2_000;
const IDLE_REFRESH_MS = 15_000;
// Not "delayed": the scheduled hourly refresh always waits there, and would keep the page polling fast.
const RUNNING_STATES = new Set(["active", "waiting"]);

export const isRunning = (job: IndexJob) => RUNNING_STATES.has(job.state);

/**
 * The index queues' recent jobs. When a job finishes, what it changed (a new version, a recall,
 * the active version) is refetched: versions and triggers are not polled that often.
 */
export function useIndexJobs() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const jobs = useQuery({
    ...trpc.index.jobs.queryOptions(),
    refetchInterval: (query) => (query.state.data?.some(isRunning) ? RUNNING_REFRESH_MS : IDLE_REFRESH_MS),
  });

  const finished = (jobs.data ?? [])
    .filter((job) => !isRunning(job))
    .map((job) => `${job.queue}:${job.id}:${job.state}`)
    .join(",");
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (!jobs.isSuccess) return;
    const before = seen.current;
    seen.current = finished;
    if (before === null || before === finished) return;
    void queryClient.invalidateQueries({ queryKey: trpc.index.versions.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.index.triggers.queryKey() });
  }, [finished, jobs.isSuccess, queryClient, trpc]);

  return jobs;
}
