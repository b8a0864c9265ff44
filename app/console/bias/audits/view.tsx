"use client";

import { useState } from "react";
import { PageHeader } from "@/components/console/states";
import { BiasTabs } from "../bias-tabs";
import { AuditDetails } from "./audit-details";
import { AuditsPanel } from "./audits-panel";

/** Counterfactual audits of releases: every release's verdict per attribute, down to any pair of answers. */
export function AuditsView() {
  const [openId, setOpenId] = useState<number | null>(null);
  return (
    <>
      <BiasTabs />
      <PageHeader
        title="Fairness audits"
        description="Each release answers borrower questions that differ only in one protected attribute; a release whose score exceeds the bias policy's threshold cannot be promoted."
      />
      <div className="grid grid-cols-1 gap-4">
        <AuditsPanel openId={openId} onOpen={setOpenId} />
        {openId !== null ? <AuditDetails key={openId} auditId={openId} /> : null}
      </div>
    </>
  );
}
