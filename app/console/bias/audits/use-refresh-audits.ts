"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";

/** Refetches every audit query, and the releases (whose fairness gate reads the audits), after a request. */
export function useRefreshAudits() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.fairnessAudits.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.releases.pathKey() }),
    ]);
}
