"use client";

import { useEffect, useRef } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { AnswerSide } from "./answer-side";
import { DisparityParts } from "./disparity-parts";
import { SWAP_LABELS } from "./swaps";
import type { AuditPair } from "./types";
import { wordDiff } from "./word-diff";

/** One pair side by side: the original and the swapped question, both answers, and what differed. */
export function PairView({ pair, onClose }: { pair: AuditPair; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening a pair takes the keyboard to it; Close hands it back to the list (the caller's job).
  useEffect(() => heading.current?.focus(), [pair.id]);
  const questions = wordDiff(pair.original.question, pair.variant.question);
  return (
    <section
      aria-labelledby={`pair-${pair.id}-title`}
      className="flex flex-col gap-3 rounded-md border p-3"
      data-testid="pair-view"
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
      }}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 id={`pair-${pair.id}-title`} ref={heading} tabIndex={-1} className="text-sm font-semibold outline-none">
          Case {pair.caseId} · {SWAP_LABELS[pair.swap]}{" "}
          <Badge tone={pair.kind === "control" ? "neutral" : "warn"}>{pair.kind}</Badge>{" "}
          <span className="font-normal text-muted-foreground">disparity {pair.disparity.toFixed(3)}</span>
        </h3>
        <Button size="sm" variant="outline" onClick={onClose}>
          Close pair
        </Button>
      </div>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <AnswerSide title="Original" answer={pair.original} other={pair.variant} question={questions.original} />
        <AnswerSide title="Swapped" answer={pair.variant} other={pair.original} question={questions.variant} />
      </div>
      <DisparityParts pair={pair} />
    </section>
  );
}
