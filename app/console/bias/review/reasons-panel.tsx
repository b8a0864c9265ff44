"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { QueryView } from "@/components/console/query-view";
import { AdverseNotice } from "@/components/reasons/adverse-notice";
import { ReasonsList } from "@/components/reasons/reasons-list";

/** The flagged answer's reasons trail, as the borrower saw it under "Why this advice". */
export function ReasonsPanel({ adviceId }: { adviceId: string }) {
  const trpc = useTRPC();
  const reasons = useQuery(trpc.review.reasons.queryOptions({ adviceId }));
  return (
    <section aria-label="Why this advice" className="flex flex-col gap-1 text-sm" data-testid="review-reasons">
      <h3 className="font-semibold">Why this advice</h3>
      <QueryView
        query={reasons}
        isEmpty={(data) => data.trail === null}
        empty={{ title: "No reasons trail", body: "This answer was stored before reasons trails existed." }}
      >
        {({ trail, adverse }) => (
          <div className="flex max-h-64 flex-col gap-2 overflow-y-auto">
            {adverse ? <AdverseNotice /> : null}
            <ReasonsList trail={trail!} />
          </div>
        )}
      </QueryView>
    </section>
  );
}
