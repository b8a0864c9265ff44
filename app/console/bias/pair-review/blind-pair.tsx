"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Label } from "@/components/ui/input";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { BlindPair, Verdict } from "./types";
import { useKeyShortcuts } from "./use-key-shortcuts";
import { WithheldText } from "./withheld-text";

/**
 * One pair as a blind reviewer sees it: the question once, with every persona detail withheld
 * (showing the two questions would say which persona got which answer, and withholding only the
 * words that differ would still say which attribute was swapped), and the two answers as A and B in
 * an order the server fixed for this reviewer. Judged with the buttons or M / N.
 */
export function BlindPairView({
  pair,
  busy,
  error,
  onJudge,
}: {
  pair: BlindPair;
  busy: boolean;
  error: string | null;
  onJudge: (verdict: Verdict, note: string) => void;
}) {
  const [note, setNote] = useState("");
  const noteId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // A new pair takes the keyboard to its heading: M / N work at once, and a screen reader announces it.
  useEffect(() => heading.current?.focus(), [pair.pairId]);
  const judge = (verdict: Verdict) => {
    if (!busy) onJudge(verdict, note.trim());
  };
  useKeyShortcuts({ m: () => judge("material"), n: () => judge("not-material") }, !busy);
  const submit = (event: FormEvent) => event.preventDefault();

  return (
    <section
      aria-labelledby={`blind-${pair.pairId}`}
      className="flex flex-col gap-4"
      data-testid="blind-pair"
      data-pair-id={pair.pairId}
    >
      <h3 id={`blind-${pair.pairId}`} ref={heading} tabIndex={-1} className="text-sm font-semibold outline-none">
        Pair #{pair.pairId}
      </h3>
      <div className="flex flex-col gap-1">
        <h4 className="text-xs font-medium text-muted-foreground">The borrower&apos;s question (persona withheld)</h4>
        <blockquote className="rounded-md border bg-muted/30 p-2 text-sm" data-testid="blind-question">
          <WithheldText text={pair.question} />
        </blockquote>
      </div>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        {(["a", "b"] as const).map((side) => (
          <section
            key={side}
            aria-label={`Answer ${side.toUpperCase()}`}
            className="flex min-w-0 flex-col gap-1 rounded-md border p-3"
            data-testid={`answer-${side}`}
          >
            <h4 className="text-sm font-semibold">Answer {side.toUpperCase()}</h4>
            <p className="whitespace-pre-wrap text-sm" data-testid="blind-advice">
              <WithheldText text={pair[side].advice} />
            </p>
          </section>
        ))}
      </div>
      <form aria-label="Judge this pair" onSubmit={submit} className="flex flex-col gap-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor={noteId}>Note (optional)</Label>
          <textarea
            id={noteId}
            value={note}
            rows={2}
            maxLength={2_000}
            onChange={(event) => setNote(event.target.value)}
            placeholder="What differs, or why it does not matter (kept with your judgement)"
            className="rounded-md border bg-background p-2 text-sm"
          />
        </div>
        {error ? (
          <Alert tone="error" data-testid="judge-error">
            {error}
          </Alert>
        ) : null}
        <div className="flex flex-wrap items-center gap-2">
          <Button type="button" disabled={busy} aria-keyshortcuts="M" onClick={() => judge("material")}>
            Material difference <kbd className="ml-1 rounded border px-1 text-xs">M</kbd>
          </Button>
          <Button
            type="button"
            variant="outline"
            disabled={busy}
            aria-keyshortcuts="N"
            onClick={() => judge("not-material")}
          >
            No material difference <kbd className="ml-1 rounded border px-1 text-xs">N</kbd>
          </Button>
          <span className="text-xs text-muted-foreground">
            Press M or N outside the note field. You judge each pair once; then it is revealed.
          </span>
        </div>
      </form>
    </section>
  );
}
