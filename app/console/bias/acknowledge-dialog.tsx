"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ReasonField } from "../releases/reason-field";

/** Acknowledges one bias alert with a note (required): who, when and why stay with the alert. */
export function AcknowledgeDialog({
  alert,
  onClose,
  onDone,
}: {
  alert: { id: number; message: string };
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const [formError, setFormError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.bias.alerts.queryKey() });
  const ack = useMutation(
    trpc.bias.ack.mutationOptions({
      onSuccess: (row) => {
        void refresh();
        onDone(`Alert ${row.id} acknowledged.`);
      },
      onError: () => void refresh(),
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ack.isPending) return;
    if (note.trim() === "") return setFormError("Write a note: what was found, or why the alert needs no action.");
    setFormError(null);
    ack.mutate({ id: alert.id, note: note.trim() });
  };

  return (
    <Dialog
      open
      onClose={onClose}
      busy={ack.isPending}
      title={`Acknowledge alert ${alert.id}`}
      description={alert.message}
    >
      <form aria-label={`Acknowledge alert ${alert.id}`} onSubmit={submit} className="flex flex-col gap-3">
        <ReasonField
          label="Note"
          value={note}
          onChange={setNote}
          invalid={formError !== null}
          placeholder="What was found, or why no action is needed (kept with the alert)"
        />
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        {ack.error ? <Alert tone="error">{ack.error.message}</Alert> : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" variant="ghost" disabled={ack.isPending} onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={ack.isPending}>
            {ack.isPending ? "Acknowledging…" : "Acknowledge"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
