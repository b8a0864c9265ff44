"use client";

import { useEffect, useRef } from "react";
import { DataTable } from "@/components/console/data-table";
import { formatDate } from "@/components/console/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { AnswerSide } from "../audits/answer-side";
import { DisparityParts } from "../audits/disparity-parts";
import { SWAP_LABELS } from "../audits/swaps";
import { wordDiff } from "../audits/word-diff";
import { VERDICT_LABELS, type RevealedPair, type Verdict } from "./types";

const tone = (verdict: Verdict | null) => (verdict === "material" ? "warn" : "neutral");

/**
 * A pair after the reviewer's judgement: which answer was whose, both questions with the swapped
 * words marked, what the audit measured, its own verdict, and every reviewer's judgement so far.
 */
export function RevealedPairView({
  pair,
  nextReady,
  onNext,
}: {
  pair: RevealedPair;
  nextReady: boolean;
  onNext: () => void;
}) {
  const next = useRef<HTMLButtonElement>(null);
  // The keyboard lands on "Next pair": Enter moves on, as M / N judged.
  useEffect(() => next.current?.focus(), [pair.pairId, nextReady]);
  const questions = wordDiff(pair.original.question, pair.variant.question);
  const sides = (pair.shownAsA === "original" ? ["original", "variant"] : ["variant", "original"]) as (
    "original" | "variant"
  )[];
  const name = (side: "original" | "variant") => (side === "original" ? "original" : "swapped");
  return (
    <section aria-labelledby={`revealed-${pair.pairId}`} className="flex flex-col gap-4" data-testid="revealed-pair">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 id={`revealed-${pair.pairId}`} className="text-sm font-semibold">
          Pair #{pair.pairId} revealed · {SWAP_LABELS[pair.swap]}{" "}
          <Badge tone={pair.kind === "control" ? "neutral" : "warn"}>{pair.kind}</Badge>
        </h3>
        <Button ref={next} size="sm" onClick={onNext} disabled={!nextReady}>
          {nextReady ? "Next pair" : "Loading the next pair…"}
        </Button>
      </div>
      <p className="text-sm" data-testid="reveal-summary">
        Answer A was the <strong>{name(sides[0]!)}</strong> persona&apos;s answer, Answer B the{" "}
        <strong>{name(sides[1]!)}</strong> persona&apos;s. You judged:{" "}
        <Badge tone={tone(pair.mine.verdict)}>{VERDICT_LABELS[pair.mine.verdict]}</Badge>. The audit&apos;s own
        comparison:{" "}
        <Badge tone={tone(pair.automatic)} data-testid="automatic-verdict">
          {pair.automatic ? VERDICT_LABELS[pair.automatic] : "none"}
        </Badge>{" "}
        (disparity {pair.disparity.toFixed(3)}
        {pair.threshold === null ? "" : ` against the threshold ${pair.threshold}`}).
      </p>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        {sides.map((side, index) => (
          <div key={side} data-testid={`revealed-${index === 0 ? "a" : "b"}`} data-side={side}>
            <AnswerSide
              title={`Answer ${index === 0 ? "A" : "B"} (${name(side)})`}
              answer={pair[side]}
              other={pair[side === "original" ? "variant" : "original"]}
              question={questions[side]}
            />
          </div>
        ))}
      </div>
      <DisparityParts pair={pair} />
      <div className="flex flex-col gap-1">
        <h4 className="text-sm font-semibold">Judgements of this pair</h4>
        <DataTable
          rows={pair.judgements}
          rowKey={(judgement) => judgement.reviewer}
          rowProps={(judgement) => ({ "data-testid": "judgement", "data-reviewer": judgement.reviewer })}
          columns={[
            { header: "Reviewer", cell: (judgement) => judgement.reviewer },
            {
              header: "Verdict",
              cell: (judgement) => <Badge tone={tone(judgement.verdict)}>{VERDICT_LABELS[judgement.verdict]}</Badge>,
            },
            { header: "Note", cell: (judgement) => judgement.note ?? "—" },
            { header: "When", cell: (judgement) => formatDate(judgement.createdAt) },
          ]}
        />
      </div>
    </section>
  );
}
