"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { QueryView } from "@/components/console/query-view";
import type { DetectorEvaluation } from "./types";

const figure = (value: number | null) => (value === null ? "—" : value.toFixed(2));

/**
 * The production detector measured on the shipped labelled set, beside the precision reviewers
 * measure: recall can only be read here, since answers the detector let through never reach the queue.
 */
export function LabelledSetSummary() {
  const trpc = useTRPC();
  const evaluation = useQuery(trpc.bias.detectorEval.queryOptions());
  return (
    <QueryView query={evaluation} empty={{ title: "No measurement" }}>
      {(e: DetectorEvaluation) => (
        <div className="flex flex-col gap-1 text-sm" data-testid="detector-labelled-set">
          <p>
            Detector on labelled set {e.setVersion}: precision <strong>{figure(e.precision)}</strong>, recall{" "}
            <strong>{figure(e.recall)}</strong>, F1 {figure(e.f1)}, n={e.n} ({e.tp} true positives, {e.fp} false
            positives, {e.fn} missed, {e.tn} true negatives).
          </p>
          <p className="text-muted-foreground">
            Held out (round {e.heldOut.round}, {e.heldOut.n} answers written after the detector&apos;s last change):
            precision {figure(e.heldOut.precision)}, recall {figure(e.heldOut.recall)}. Detector {e.detector} of{" "}
            <code>{e.policyVersion}</code>, pinned by production release <code>{e.release}</code>, flags above{" "}
            {e.threshold}.
          </p>
        </div>
      )}
    </QueryView>
  );
}
