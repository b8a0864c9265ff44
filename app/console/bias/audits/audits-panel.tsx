"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { QueryView } from "@/components/console/query-view";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { inFlight } from "./audit-status";
import { AuditsTable } from "./audits-table";
import { RunAuditForm } from "./run-audit-form";

/** Picks up audits the worker's sweep or the CLI started. */
const REFRESH_MS = 10_000;
/** While an audit runs, its progress is what the engineer is watching. */
const RUNNING_REFRESH_MS = 1_500;

/** Every audit, newest first, and the action that starts one. */
export function AuditsPanel({ openId, onOpen }: { openId: number | null; onOpen: (id: number) => void }) {
  const trpc = useTRPC();
  const audits = useQuery({
    ...trpc.fairnessAudits.list.queryOptions(),
    refetchInterval: (query) => (query.state.data?.some(inFlight) ? RUNNING_REFRESH_MS : REFRESH_MS),
  });
  return (
    <Card aria-labelledby="audits-title">
      <CardHeader>
        <CardTitle id="audits-title">Audits by release</CardTitle>
        <CardDescription>
          Each audit asks the release every case of the audit set and its counterfactual variants. Every release is
          audited before it may be promoted.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <RunAuditForm onQueued={onOpen} />
        <QueryView
          query={audits}
          empty={{
            title: "No audit yet",
            body: "The worker audits every release within a minute of its creation; or run one above.",
          }}
        >
          {(rows) => <AuditsTable audits={rows} openId={openId} onOpen={onOpen} />}
        </QueryView>
      </CardContent>
    </Card>
  );
}
