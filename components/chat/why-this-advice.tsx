"use client";

import { useState } from "react";
import type { AdviceReasons } from "@/server/reasons";
import { AdverseNotice } from "../reasons/adverse-notice";
import { ReasonsList } from "../reasons/reasons-list";

/**
 * "Why this advice": a disclosure (a native details/summary, so Enter and Space open it) listing
 * each statement with the facts of the past loans it relied on, in plain words. The list is
 * rendered only while open: closed, it would repeat every sentence of the advice unseen.
 */
export function WhyThisAdvice({ reasons }: { reasons: AdviceReasons }) {
  const [open, setOpen] = useState(false);
  return (
    <details
      className="rounded-md border bg-muted/30 p-3 text-sm"
      data-testid="why-this-advice"
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary className="cursor-pointer font-medium focus-visible:outline-2 focus-visible:outline-offset-2">
        Why this advice
      </summary>
      {open ? (
        <div className="mt-2 flex flex-col gap-2">
          {reasons.adverse ? <AdverseNotice /> : null}
          <ReasonsList trail={reasons.trail} />
        </div>
      ) : null}
    </details>
  );
}
