import type { ReactNode } from "react";
import { formatDate } from "@/components/console/format";
import type { Audit } from "./types";

/** What an auditor needs to reproduce the audit: which set, its digests, which composition, who and when. */
export function AuditProvenance({ audit }: { audit: Audit }) {
  const facts: [string, ReactNode][] = [
    ["Release", <code key="r">{audit.release}</code>],
    ["Requested by", audit.requestedBy],
    ["Requested", formatDate(audit.createdAt)],
    ["Started", formatDate(audit.startedAt)],
    ["Finished", formatDate(audit.finishedAt)],
    ["Cases", `${audit.done} of ${audit.cases} answered`],
    ["Audit set", <code key="s">{audit.auditSet}</code>],
    ["Audit set sha256", <Digest key="a" value={audit.auditSetSha256} />],
    ["Variants sha256", <Digest key="v" value={audit.variantsSha256} />],
    ["Release composition sha256", <Digest key="c" value={audit.composition} />],
  ];
  return (
    <dl
      className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_minmax(0,1fr)]"
      data-testid="audit-provenance"
    >
      {facts.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-muted-foreground">{term}</dt>
          <dd className="min-w-0 break-all">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Digest({ value }: { value: string | null }) {
  return value ? <code className="text-xs">{value}</code> : <span className="text-muted-foreground">not yet</span>;
}
