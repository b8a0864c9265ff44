"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Field } from "@/components/console/field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { describeFilter } from "./filters";
import { NoteField } from "./note-field";
import type { ReviewFilter } from "./types";
import { useRefreshReview } from "./use-refresh-review";

export type BulkKind = "assign" | "confirm" | "dismiss";

const VERB = { assign: "Assign", confirm: "Confirm as biased", dismiss: "Dismiss" } as const;

/**
 * One action on every item the filter matches, after a confirmation that says how many. The count
 * shown goes with the request: if the queue changed meanwhile the server refuses and nothing is
 * changed, and the list is read again so the new count can be checked.
 */
export function BulkDialog({
  kind,
  filter,
  count,
  onClose,
  onDone,
}: {
  kind: BulkKind;
  filter: ReviewFilter;
  count: number;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshReview();
  const [note, setNote] = useState("");
  const [to, setTo] = useState("");
  const [formError, setFormError] = useState<string | null>(null);
  const bulk = useMutation(
    trpc.review.bulk.mutationOptions({
      onSuccess: ({ updated }) => {
        void refresh();
        onDone(`${VERB[kind]}: ${updated} ${updated === 1 ? "item" : "items"} done.`);
      },
      onError: () => void refresh(),
    }),
  );
  const items = `${count} ${count === 1 ? "item" : "items"}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (kind !== "assign" && note.trim() === "")
      return setFormError("Write a note saying why: it is kept with every decision.");
    setFormError(null);
    bulk.mutate({
      filter,
      expectedCount: count,
      action: kind === "assign" ? { kind, to: to.trim() || null } : { kind, note: note.trim() },
    });
  };
  return (
    <Dialog
      open
      onClose={onClose}
      busy={bulk.isPending}
      title={`${VERB[kind]} ${items}?`}
      description={`Acts on exactly the ${items} matching: ${describeFilter(filter)}.`}
    >
      <form aria-label={`${VERB[kind]} ${items}`} onSubmit={submit} className="flex flex-col gap-3">
        {kind === "assign" ? (
          <Field label="Reviewer's email (empty: nobody)">
            {(id) => (
              <Input id={id} data-autofocus type="email" value={to} onChange={(event) => setTo(event.target.value)} />
            )}
          </Field>
        ) : (
          <NoteField value={note} onChange={setNote} invalid={formError !== null} />
        )}
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        {bulk.error ? (
          <Alert tone="error" data-testid="bulk-error">
            {bulk.error.message}
          </Alert>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" disabled={bulk.isPending} onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant={kind === "dismiss" ? "destructive" : "default"} disabled={bulk.isPending}>
            {`${VERB[kind]} ${items}`}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
