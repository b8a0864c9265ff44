"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { DataTable } from "@/components/console/data-table";
import { formatNumber } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";
import type { ReviewPrecision } from "./types";

type PrecisionFigures = ReviewPrecision["overall"];

const precisionText = (figures: PrecisionFigures) =>
  figures.precision === null ? "—" : `${formatNumber(figures.precision * 100, 1)}%`;

/**
 * The detector's precision as reviewers measured it: of the flagged answers decided, the share
 * confirmed as biased, overall and per release.
 */
export function PrecisionSummary() {
  const trpc = useTRPC();
  const precision = useQuery(trpc.review.precision.queryOptions());
  return (
    <QueryView
      query={precision}
      isEmpty={(data) => data.byRelease.length === 0}
      empty={{ title: "Nothing flagged yet", body: "Flagged answers enter the review queue as they are stored." }}
    >
      {({ overall, byRelease }) => (
        <div className="flex flex-col gap-2">
          <p className="text-sm" data-testid="review-precision">
            Detector precision: <strong>{precisionText(overall)}</strong> ({overall.confirmed} confirmed,{" "}
            {overall.dismissed} dismissed, {overall.open} open)
          </p>
          <DataTable
            rows={byRelease}
            rowKey={(row) => row.release ?? "(none)"}
            columns={[
              { header: "Release", cell: (row) => (row.release ? <code>{row.release}</code> : "(before releases)") },
              { header: "Precision", cell: precisionText },
              { header: "Confirmed", cell: (row) => row.confirmed },
              { header: "Dismissed", cell: (row) => row.dismissed },
              { header: "Open", cell: (row) => row.open },
            ]}
          />
        </div>
      )}
    </QueryView>
  );
}
