"use client";

import Link from "next/link";
import { LabelledSetSummary } from "./labelled-set-summary";
import { PrecisionSummary } from "./precision-summary";

/**
 * The Bias page's view of the review queue: the precision it measures, the detector's precision and
 * recall on the labelled set beside it, and the way in.
 */
export function ReviewSection() {
  return (
    <section aria-labelledby="review-queue" className="mt-8 flex flex-col gap-3">
      <div>
        <h2 id="review-queue" className="text-lg font-semibold">
          Review queue
        </h2>
        <p className="text-sm text-muted-foreground">
          Every flagged answer waits for a reviewer to confirm or dismiss it;{" "}
          <Link href="/console/bias/review" className="underline">
            open the review queue
          </Link>
          .
        </p>
      </div>
      <PrecisionSummary />
      <LabelledSetSummary />
    </section>
  );
}
