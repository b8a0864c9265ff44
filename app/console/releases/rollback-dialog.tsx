"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Field } from "@/components/console/field";
import { formatDate } from "@/components/console/format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { MIN_REASON_LENGTH, ReasonField } from "./reason-field";
import type { AliasMove } from "./types";
import { useRefreshReleases } from "./use-refresh-releases";

/**
 * Returns production to a release that served it before, without rebuilding anything and without
 * gates (it passed them, or was overridden on the record, when it served). A move made by someone
 * else since the page showed production comes back as a conflict naming the winner.
 */
export function RollbackDialog({
  production,
  timeline,
  onClose,
  onDone,
}: {
  production: string | null;
  timeline: AliasMove[];
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshReleases();
  // Newest first, each once: the first is what "roll back to previous" means.
  const targets = [...new Map(timeline.filter((m) => m.release !== production).map((m) => [m.release, m])).values()];
  const [target, setTarget] = useState(targets[0]?.release ?? "");
  const [reason, setReason] = useState("");
  const [formError, setFormError] = useState<string | null>(null);
  const rollback = useMutation(
    trpc.releases.rollback.mutationOptions({
      onSuccess: (result) => {
        void refresh();
        onDone(`Rolled production back to ${result.release} (was ${result.previous ?? "none"}).`);
      },
      onError: () => void refresh(),
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (rollback.isPending || !target) return;
    if (reason.trim().length < MIN_REASON_LENGTH) {
      return setFormError("Give a reason of at least 3 characters: it is kept in the audit ledger.");
    }
    setFormError(null);
    rollback.mutate({ version: target, expected: production, reason: reason.trim() });
  };

  return (
    <Dialog
      open
      onClose={onClose}
      busy={rollback.isPending}
      title="Roll back production"
      description={
        <>
          Production is on <code>{production ?? "no release"}</code>. A rollback returns to a release that served
          before; it skips the gates and rebuilds nothing.
        </>
      }
    >
      <form aria-label="Roll back production" onSubmit={submit} className="flex flex-col gap-3">
        {targets.length === 0 ? (
          <Alert tone="info">No earlier release has served production: there is nothing to roll back to.</Alert>
        ) : (
          <Field label="Back to">
            {(id) => (
              <select
                id={id}
                value={target}
                onChange={(event) => setTarget(event.target.value)}
                className="h-9 rounded-md border bg-background px-2 text-sm"
              >
                {targets.map((move) => (
                  <option key={move.release} value={move.release}>
                    {move.release} (in production from {formatDate(move.at)})
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <ReasonField label="Reason" value={reason} onChange={setReason} invalid={formError !== null} />
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        {rollback.error ? (
          <Alert tone="error" data-testid="rollback-error">
            {rollback.error.message}
          </Alert>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" variant="ghost" disabled={rollback.isPending} onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="destructive" disabled={rollback.isPending || !target}>
            {rollback.isPending ? "Rolling back…" : "Roll back"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
