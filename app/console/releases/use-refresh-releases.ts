"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";

/** Refetches every release query (list, gates, timeline, production at T) after a change. */
export function useRefreshReleases() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.releases.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.registry.productionAt.pathKey() }),
    ]);
}
