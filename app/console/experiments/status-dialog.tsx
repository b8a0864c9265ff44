"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { MIN_REASON_LENGTH, ReasonField } from "../releases/reason-field";
import type { Experiment } from "./types";
import { useRefreshExperiments } from "./use-refresh-experiments";

const COPY = {
  start: {
    verb: "Start",
    pending: "Starting…",
    description: "Users are assigned to its arms from their next request; the reason goes into the ledger.",
  },
  stop: {
    verb: "Stop",
    pending: "Stopping…",
    description: "Its users return to production at once; a stopped experiment cannot be started again.",
  },
} as const;

/** Starts a draft or stops a running experiment, with a reason for the ledger. */
export function StatusDialog({
  experiment,
  change,
  onClose,
  onDone,
}: {
  experiment: Experiment;
  change: "start" | "stop";
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshExperiments();
  const copy = COPY[change];
  const [reason, setReason] = useState("");
  const [formError, setFormError] = useState<string | null>(null);
  const options = {
    onSuccess: (row: { key: string; status: string }) => {
      void refresh();
      onDone(`Experiment ${row.key} is ${row.status}.`);
    },
    onError: () => void refresh(),
  };
  const start = useMutation(trpc.experiments.start.mutationOptions(options));
  const stop = useMutation(trpc.experiments.stop.mutationOptions(options));
  const mutation = change === "start" ? start : stop;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    if (reason.trim().length < MIN_REASON_LENGTH)
      return setFormError("Give a reason of at least 3 characters: it is kept in the audit ledger.");
    setFormError(null);
    mutation.mutate({ key: experiment.key, reason: reason.trim() });
  };

  return (
    <Dialog
      open
      onClose={onClose}
      busy={mutation.isPending}
      title={`${copy.verb} ${experiment.key}`}
      description={copy.description}
    >
      <form aria-label={`${copy.verb} ${experiment.key}`} onSubmit={submit} className="flex flex-col gap-3">
        <ReasonField label="Reason" value={reason} onChange={setReason} invalid={formError !== null} />
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        {mutation.error ? <Alert tone="error">{mutation.error.message}</Alert> : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" variant="ghost" disabled={mutation.isPending} onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={mutation.isPending}>
            {mutation.isPending ? copy.pending : `${copy.verb} experiment`}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
