"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";

/** Refetches every registry query (models, versions, aliases, metrics) after a change. */
export function useRefreshRegistry() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.registry.pathKey() });
}
