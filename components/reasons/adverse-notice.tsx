import { ADVERSE_REASONS_NOTICE } from "@/server/reasons";

/** Above the reasons of advice against the plan: these are its specific reasons (Regulation B's spirit). */
export function AdverseNotice() {
  return (
    <p className="rounded border border-amber-200 bg-amber-50 p-2 text-amber-900" data-testid="adverse-reasons">
      {ADVERSE_REASONS_NOTICE}
    </p>
  );
}
