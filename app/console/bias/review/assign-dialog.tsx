"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Field } from "@/components/console/field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import type { ReviewItem } from "./types";
import { useRefreshReview } from "./use-refresh-review";

/** Gives one item to a reviewer (an ML engineer or admin), or to nobody with the field empty. */
export function AssignDialog({
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
  const [to, setTo] = useState(item.assignee ?? "");
  const assign = useMutation(
    trpc.review.assign.mutationOptions({
      onSuccess: (assigned) => {
        void refresh();
        onDone(
          assigned.assignee
            ? `Item ${assigned.id} assigned to ${assigned.assignee}.`
            : `Item ${assigned.id} unassigned.`,
        );
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    assign.mutate({ id: item.id, to: to.trim() || null });
  };
  return (
    <Dialog open onClose={onClose} busy={assign.isPending} title={`Assign item ${item.id}`}>
      <form aria-label={`Assign item ${item.id}`} onSubmit={submit} className="flex flex-col gap-3">
        <Field label="Reviewer's email (empty: nobody)">
          {(id) => (
            <Input id={id} data-autofocus type="email" value={to} onChange={(event) => setTo(event.target.value)} />
          )}
        </Field>
        {assign.error ? <Alert tone="error">{assign.error.message}</Alert> : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" disabled={assign.isPending} onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={assign.isPending}>
            {to.trim() ? "Assign" : "Unassign"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
