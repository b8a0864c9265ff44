"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { Button } from "@/components/ui/button";

/**
 * Evaluates the alert rules now instead of at the worker's next quarter hour: after a rollout, a
 * rollback or a fix, the on-call person sees at once whether a release crosses a rule. An alert
 * already stored for its window is not raised twice, so pressing it again is harmless.
 */
export function EvaluateAlertsButton({
  onDone,
  onError,
}: {
  /** The alerts this evaluation raised (none when nothing new crossed a rule). */
  onDone: (raised: { kind: string; modelVersion: string }[]) => void;
  onError: (message: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const evaluate = useMutation(
    trpc.bias.evaluate.mutationOptions({
      onSuccess: async (raised) => {
        await queryClient.invalidateQueries({ queryKey: trpc.bias.alerts.queryKey() });
        onDone(raised);
      },
      onError: (error) => onError(`The alert rules could not be evaluated: ${error.message}`),
    }),
  );
  return (
    <Button size="sm" variant="outline" disabled={evaluate.isPending} onClick={() => evaluate.mutate()}>
      {evaluate.isPending ? "Evaluating…" : "Evaluate now"}
    </Button>
  );
}
