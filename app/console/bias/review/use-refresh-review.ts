"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";

/** After a decision, the queue and the precision it feeds are read again. */
export function useRefreshReview() {
  const trpc = useTRPC();
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: trpc.review.list.pathKey() }),
      client.invalidateQueries({ queryKey: trpc.review.precision.queryKey() }),
    ]);
}
