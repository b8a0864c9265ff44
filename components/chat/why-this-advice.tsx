import type { AdviceReasons } from "@/server/reasons";
import { AdverseNotice } from "../reasons/adverse-notice";
import { ReasonsList } from "../reasons/reasons-list";

/**
 * "Why this advice": a disclosure (a native details/summary, so Enter and Space open it) listing
 * each statement with the facts of the past loans it relied on, in plain words.
 */
export function WhyThisAdvice({ reasons }: { reasons: AdviceReasons }) {
  return (
    <details className="rounded-md border bg-muted/30 p-3 text-sm" data-testid="why-this-advice">
      <summary className="cursor-pointer font-medium focus-visible:outline-2 focus-visible:outline-offset-2">
        Why this advice
      </summary>
      <div className="mt-2 flex flex-col gap-2">
        {reasons.adverse ? <AdverseNotice /> : null}
        <ReasonsList trail={reasons.trail} />
      </div>
    </details>
  );
}
