"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { shortVersion } from "./format";

/** Refetches every index query (versions, fleet, triggers, jobs, logs) after an action. */
export function useRefreshIndex() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.index.pathKey() });
}

export function useBuildIndex() {
  const trpc = useTRPC();
  const refresh = useRefreshIndex();
  return useMutation(trpc.index.build.mutationOptions({ onSuccess: () => refresh() }));
}

export type VersionAction =
  | { type: "validate"; version: string }
  | { type: "promote"; version: string }
  // Without a version the server picks the one active before the current.
  | { type: "rollback"; version?: string };

/** Validate, promote and roll back as one action at a time, each reporting what it did. */
export function useVersionAction(onDone: (message: string) => void) {
  const trpc = useTRPC();
  const refresh = useRefreshIndex();
  const validate = useMutation(trpc.index.validate.mutationOptions({ onSuccess: () => refresh() }));
  const promote = useMutation(trpc.index.promote.mutationOptions({ onSuccess: () => refresh() }));
  const rollback = useMutation(trpc.index.rollback.mutationOptions({ onSuccess: () => refresh() }));
  const mutations = [validate, promote, rollback];

  const run = (action: VersionAction, reason: string) => {
    switch (action.type) {
      case "validate":
        return validate.mutate(
          { version: action.version, reason },
          {
            onSuccess: (job) =>
              onDone(`Queued ${job.queue} job ${job.id} for ${shortVersion(action.version)}; follow it under Jobs.`),
          },
        );
      case "promote":
        return promote.mutate(
          { version: action.version, reason },
          {
            onSuccess: (swap) =>
              onDone(`Promoted ${shortVersion(swap.version)}: web instances are loading it now (see Fleet).`),
          },
        );
      case "rollback":
        return rollback.mutate(
          { version: action.version, reason },
          {
            onSuccess: (swap) =>
              onDone(`Rolled back to ${shortVersion(swap.version)}: web instances are loading it now (see Fleet).`),
          },
        );
    }
  };

  return {
    run,
    pending: mutations.some((mutation) => mutation.isPending),
    error: mutations.find((mutation) => mutation.error)?.error?.message ?? null,
    reset: () => mutations.forEach((mutation) => mutation.reset()),
  };
}
