"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Field } from "@/components/console/field";
import { formatDate } from "@/components/console/format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/** A datetime-local value for a moment, in the browser's time zone (the input has no zone of its own). */
function localInputValue(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 19);
}

/** "Which release was in production at T?", answered from the ledger for any past T. */
export function ProductionAt() {
  const trpc = useTRPC();
  const [value, setValue] = useState(() => localInputValue(new Date()));
  const [asked, setAsked] = useState<Date | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const answer = useQuery({
    ...trpc.registry.productionAt.queryOptions({ at: asked ?? new Date(0) }),
    enabled: asked !== null,
    retry: false,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const at = new Date(value);
    if (!value || Number.isNaN(at.getTime())) return setFormError("Choose a date and time.");
    setFormError(null);
    setAsked(at);
  };

  return (
    <form
      aria-label="Production at a time"
      onSubmit={submit}
      className="flex flex-col gap-2 rounded-md border bg-muted/30 p-3"
    >
      <div className="flex flex-wrap items-end gap-2">
        <Field label="Which release was in production at">
          {(id) => (
            <Input
              id={id}
              type="datetime-local"
              step={1}
              value={value}
              onChange={(event) => setValue(event.target.value)}
              className="w-auto"
            />
          )}
        </Field>
        <Button type="submit" size="sm" variant="outline">
          Look up
        </Button>
      </div>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {asked && answer.isPending ? <p className="text-sm text-muted-foreground">Looking it up…</p> : null}
      {answer.error ? <Alert tone="error">{answer.error.message}</Alert> : null}
      {asked && answer.isSuccess ? (
        <Alert tone="info" data-testid="production-at-answer">
          {answer.data ? (
            <>
              At {formatDate(asked)} production was release{" "}
              <code data-testid="production-at-release">{answer.data.release}</code>, since {formatDate(answer.data.at)}{" "}
              ({answer.data.action.replace("release.", "")} by {answer.data.actor}
              {answer.data.reason ? `: ${answer.data.reason}` : ""}).
              {answer.data.components ? (
                <span className="mt-1 block text-xs text-muted-foreground">
                  {answer.data.components.analyzer}, {answer.data.components.embedder}, index{" "}
                  {answer.data.components.index.slice(0, 12)}, {answer.data.components.prompt},{" "}
                  {answer.data.components.biasPolicy}
                </span>
              ) : null}
            </>
          ) : (
            <>No release was in production yet at {formatDate(asked)}.</>
          )}
        </Alert>
      ) : null}
    </form>
  );
}
