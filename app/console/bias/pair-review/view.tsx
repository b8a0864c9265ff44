"use client";

import { useState } from "react";
import { PageHeader } from "@/components/console/states";
import { BiasTabs } from "../bias-tabs";
import { AgreementPanel } from "./agreement-panel";
import { AuditPicker } from "./audit-picker";
import { BlindReviewPanel } from "./blind-review-panel";

/** Reviewers judge audit pairs without knowing which answer the swapped persona got; their agreement is measured. */
export function PairReviewView() {
  const [auditId, setAuditId] = useState<number | null>(null);
  return (
    <>
      <BiasTabs />
      <PageHeader
        title="Blinded pair review"
        description="Judge whether two answers to the same borrower question differ materially, without knowing which persona got which; reviewers' agreement is measured."
      />
      <div className="flex flex-col gap-6">
        <AuditPicker auditId={auditId} onPick={setAuditId} />
        {auditId !== null ? <BlindReviewPanel key={auditId} auditId={auditId} /> : null}
        <AgreementPanel />
      </div>
    </>
  );
}
