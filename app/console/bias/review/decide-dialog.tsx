"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { formatNumber } from "@/components/console/format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { NoteField } from "./note-field";
import { ReasonsPanel } from "./reasons-panel";
import type { ReviewItem } from "./types";
import { useRefreshReview } from "./use-refresh-review";

/**
 * Confirms a flagged answer as biased or dismisses the flag, with a note; on a confirmation the
 * reviewer may tick which of the detector's reasons are right (the export carries those).
 */
export function DecideDialog({
  item,
  onClose,
  onDone,
}: {
  item: ReviewItem;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshReview();
  const [note, setNote] = useState("");
  const [marked, setMarked] = useState<string[]>(item.correctReasons ?? []);
  const [formError, setFormError] = useState<string | null>(null);
  const decide = useMutation(
    trpc.review.decide.mutationOptions({
      onSuccess: (decided) => {
        void refresh();
        onDone(`Item ${decided.id} ${decided.status}.`);
      },
    }),
  );

  const submit = (decision: "confirm" | "dismiss") => (event: FormEvent) => {
    event.preventDefault();
    if (note.trim() === "") return setFormError("Write a note saying why: it is kept with the decision.");
    setFormError(null);
    decide.mutate({
      id: item.id,
      decision,
      note: note.trim(),
      correctReasons: decision === "confirm" && marked.length > 0 ? marked : undefined,
    });
  };

  return (
    <Dialog
      open
      onClose={onClose}
      busy={decide.isPending}
      title={`Review item ${item.id}`}
      description={`Score ${formatNumber(item.score, 3)}${item.release ? `, release ${item.release}` : ""}. Is this answer biased?`}
    >
      <form aria-label={`Decide item ${item.id}`} onSubmit={submit("confirm")} className="flex flex-col gap-3">
        <div className="flex flex-col gap-1 text-sm">
          <h3 className="font-semibold">Question</h3>
          <p className="whitespace-pre-wrap rounded-md bg-muted p-2">{item.question}</p>
          <h3 className="font-semibold">Advice</h3>
          <p className="max-h-48 overflow-y-auto whitespace-pre-wrap rounded-md bg-muted p-2">{item.advice}</p>
        </div>
        <ReasonsPanel adviceId={item.adviceId} />
        <fieldset className="flex flex-col gap-1 text-sm">
          <legend className="font-semibold">The detector&apos;s reasons (tick the correct ones when confirming)</legend>
          {item.reasons.map((reason) => (
            <label key={reason} className="flex items-start gap-2">
              <input
                type="checkbox"
                checked={marked.includes(reason)}
                onChange={(event) =>
                  setMarked(event.target.checked ? [...marked, reason] : marked.filter((r) => r !== reason))
                }
              />
              <span>{reason}</span>
            </label>
          ))}
        </fieldset>
        <NoteField value={note} onChange={setNote} invalid={formError !== null} />
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        {decide.error ? (
          <Alert tone="error" data-testid="decide-error">
            {decide.error.message}
          </Alert>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" variant="ghost" disabled={decide.isPending} onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="button"
            variant="outline"
            disabled={decide.isPending || marked.length > 0}
            title={marked.length > 0 ? "Untick the reasons to dismiss: a dismissal says none is correct" : undefined}
            onClick={submit("dismiss")}
          >
            Dismiss flag
          </Button>
          <Button type="submit" disabled={decide.isPending}>
            Confirm biased
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
