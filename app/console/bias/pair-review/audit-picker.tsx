"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Field } from "@/components/console/field";
import { formatDate } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";

const select = "h-9 w-full rounded-md border bg-background px-2 text-sm";

/** Finished audits only: a running one has not all its pairs, and no threshold to compare reviewers with. */
const reviewable = (status: string) => status === "passed" || status === "failed";

/** Picks the audit whose pairs to review; the newest finished one to begin with. */
export function AuditPicker({ auditId, onPick }: { auditId: number | null; onPick: (id: number) => void }) {
  const trpc = useTRPC();
  const audits = useQuery({
    ...trpc.fairnessAudits.list.queryOptions(),
    select: (rows) => rows.filter((audit) => reviewable(audit.status)),
  });
  const newest = audits.data?.[0]?.id;
  useEffect(() => {
    if (auditId === null && newest !== undefined) onPick(newest);
  }, [auditId, newest, onPick]);
  return (
    <QueryView
      query={audits}
      empty={{
        title: "No finished audit yet",
        body: "Pairs can be reviewed once an audit of a release has passed or failed (Bias → Audits).",
      }}
    >
      {(rows) => (
        <div className="max-w-xl">
          <Field label="Audit to review">
            {(id) => (
              <select
                id={id}
                className={select}
                value={auditId ?? ""}
                onChange={(event) => onPick(Number(event.target.value))}
              >
                {rows.map((audit) => (
                  <option key={audit.id} value={audit.id}>
                    #{audit.id} · {audit.release} · {audit.status} · {formatDate(audit.createdAt)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      )}
    </QueryView>
  );
}
