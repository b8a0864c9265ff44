"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/app/_trpc/client";
import type { SelfDeclared, SelfDeclaredAttribute } from "@/server/demographics";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export interface AttributeChoices {
  attribute: SelfDeclaredAttribute;
  label: string;
  options: { value: string; label: string }[];
}

const select = "h-9 w-full rounded-md border bg-background px-2 text-sm";
const NOT_ANSWERED = "";

type Answers = Record<SelfDeclaredAttribute, string>;

function toAnswers(stored: SelfDeclared | undefined, attributes: AttributeChoices[]): Answers {
  return Object.fromEntries(
    attributes.map(({ attribute }) => [attribute, stored?.[attribute] ?? NOT_ANSWERED]),
  ) as Answers;
}

/** The optional self-declared attributes: one select each, "Not answered" by default. */
export function SelfDeclaredForm({ attributes }: { attributes: AttributeChoices[] }) {
  const trpc = useTRPC();
  const stored = useQuery(trpc.selfDeclared.get.queryOptions());
  // Kept here, above the keyed form, so "Saved." outlives the form starting again.
  const [message, setMessage] = useState<string | null>(null);
  if (stored.isPending) return <p className="text-sm text-muted-foreground">Loading your answers…</p>;
  if (stored.error) return <Alert tone="error">{stored.error.message}</Alert>;
  // Keyed by when they were saved: a save or a clear starts the form again from what is stored.
  return (
    <AnswersForm
      key={String(stored.data.updatedAt)}
      attributes={attributes}
      initial={toAnswers(stored.data, attributes)}
      savedAt={stored.data.updatedAt}
      message={message}
      setMessage={setMessage}
    />
  );
}

function AnswersForm({
  attributes,
  initial,
  savedAt,
  message,
  setMessage,
}: {
  attributes: AttributeChoices[];
  initial: Answers;
  savedAt: Date | null;
  message: string | null;
  setMessage: (message: string | null) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [answers, setAnswers] = useState<Answers>(initial);

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.selfDeclared.get.queryKey() });
  const save = useMutation(
    trpc.selfDeclared.save.mutationOptions({
      onSuccess: () => {
        setMessage("Saved.");
        void refresh();
      },
    }),
  );
  const clear = useMutation(
    trpc.selfDeclared.clear.mutationOptions({
      onSuccess: () => {
        setMessage("Cleared: none of your answers is kept.");
        void refresh();
      },
    }),
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    save.mutate(
      Object.fromEntries(
        Object.entries(answers).map(([key, value]) => [key, value === NOT_ANSWERED ? null : value]),
      ) as SelfDeclared,
    );
  }

  const error = save.error ?? clear.error;
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" aria-describedby="why-asked">
      {attributes.map(({ attribute, label, options }) => {
        const id = `self-declared-${attribute}`;
        return (
          <div key={attribute} className="flex flex-col gap-1">
            <label htmlFor={id} className="text-sm font-medium">
              {label} <span className="font-normal text-muted-foreground">(optional)</span>
            </label>
            <select
              id={id}
              name={attribute}
              value={answers[attribute]}
              onChange={(event) => setAnswers({ ...answers, [attribute]: event.target.value })}
              className={select}
            >
              <option value={NOT_ANSWERED}>Not answered</option>
              {options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
        );
      })}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={save.isPending}>
          Save
        </Button>
        <Button
          type="button"
          variant="outline"
          disabled={clear.isPending}
          onClick={() => {
            setMessage(null);
            clear.mutate();
          }}
        >
          Clear my answers
        </Button>
        {savedAt ? (
          <span className="text-sm text-muted-foreground" data-testid="self-declared-saved-at">
            Last saved {new Date(savedAt).toLocaleString("en-US")}
          </span>
        ) : null}
      </div>
      {message ? <Alert tone="success">{message}</Alert> : null}
      {error ? <Alert tone="error">{error.message}</Alert> : null}
    </form>
  );
}
