"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";

/** Refetches every experiments query (list, results) after a change; a ship also moves production. */
export function useRefreshExperiments() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.experiments.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.releases.pathKey() }),
    ]);
}
