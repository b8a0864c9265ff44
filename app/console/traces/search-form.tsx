"use client";

import { useState, type FormEvent } from "react";
import { Field } from "@/components/console/field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { TraceFilter } from "./types";

/** A datetime-local input's value (local time) as a Date, or undefined when empty or unreadable. */
const fromLocal = (value: string) => {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

const FLAGGED = { any: undefined, flagged: true, unflagged: false } as const;
type FlaggedChoice = keyof typeof FLAGGED;

/**
 * The trace search: by an id (the advice id a partner got, the x-request-id of a call, or a trace
 * id from a log line), by who asked, by time, by release and by the bias flag. Applied on submit.
 */
export function TraceSearchForm({ onSearch }: { onSearch: (filter: TraceFilter) => void }) {
  const [values, setValues] = useState({ id: "", user: "", from: "", to: "", release: "", flagged: "any" });
  const [error, setError] = useState<string | null>(null);
  const set = (name: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [name]: event.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const from = fromLocal(values.from);
    const to = fromLocal(values.to);
    if (from && to && to <= from) return setError("To must be after From.");
    setError(null);
    onSearch({
      id: values.id.trim() || undefined,
      user: values.user.trim() || undefined,
      from,
      to,
      release: values.release.trim() || undefined,
      flagged: FLAGGED[values.flagged as FlaggedChoice],
    });
  };

  const clear = () => {
    setValues({ id: "", user: "", from: "", to: "", release: "", flagged: "any" });
    setError(null);
    onSearch({});
  };

  return (
    <form aria-label="Search requests" onSubmit={submit} className="flex flex-col gap-3">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <Field label="Advice, request or trace id">
          {(id) => <Input id={id} value={values.id} onChange={set("id")} className="font-mono" />}
        </Field>
        <Field label="User (email, id or partner's user id)">
          {(id) => <Input id={id} value={values.user} onChange={set("user")} />}
        </Field>
        <Field label="Release">
          {(id) => <Input id={id} value={values.release} onChange={set("release")} placeholder="any" />}
        </Field>
        <Field label="From">
          {(id) => <Input id={id} type="datetime-local" value={values.from} onChange={set("from")} />}
        </Field>
        <Field label="To">
          {(id) => (
            <Input id={id} type="datetime-local" value={values.to} onChange={set("to")} aria-invalid={error !== null} />
          )}
        </Field>
        <Field label="Bias">
          {(id) => (
            <select
              id={id}
              value={values.flagged}
              onChange={set("flagged")}
              className="h-9 rounded-md border bg-background px-2 text-sm"
            >
              <option value="any">any</option>
              <option value="flagged">flagged</option>
              <option value="unflagged">not flagged</option>
            </select>
          )}
        </Field>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" size="sm">
          Search
        </Button>
        <Button type="button" size="sm" variant="outline" onClick={clear}>
          Clear
        </Button>
      </div>
    </form>
  );
}
