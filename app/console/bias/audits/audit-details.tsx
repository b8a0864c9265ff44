"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { QueryView } from "@/components/console/query-view";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { AuditProvenance } from "./audit-provenance";
import { AuditStatus, inFlight } from "./audit-status";
import { PairsPanel } from "./pairs-panel";
import { ScoreChart } from "./score-chart";
import { ScoresTable } from "./scores-table";
import type { Audit } from "./types";

const RUNNING_REFRESH_MS = 1_500;

/** One audit: its verdict per attribute (chart and table), where it came from, and its cases. */
export function AuditDetails({ auditId }: { auditId: number }) {
  const trpc = useTRPC();
  const audit = useQuery({
    ...trpc.fairnessAudits.get.queryOptions({ id: auditId }),
    refetchInterval: (query) => (query.state.data && inFlight(query.state.data) ? RUNNING_REFRESH_MS : false),
  });
  // Each case answered adds pairs: the drill-down is refetched whenever the progress or status moves,
  // so an audit opened while it ran does not keep showing only its first cases.
  const queryClient = useQueryClient();
  const progress = audit.data ? `${audit.data.status}:${audit.data.done}` : null;
  useEffect(() => {
    if (progress) void queryClient.invalidateQueries({ queryKey: trpc.fairnessAudits.pairs.pathKey() });
  }, [progress, queryClient, trpc]);
  return (
    <Card aria-labelledby="audit-title" data-testid="audit-details">
      <CardHeader>
        <CardTitle id="audit-title">Audit #{auditId}</CardTitle>
        <CardDescription>
          Score = mean disparity of an attribute&apos;s swaps minus the controls&apos; (how much answers move when
          nothing that matters changed), with a 95 % bootstrap interval over cases.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <QueryView query={audit} isEmpty={() => false} empty={{ title: "" }}>
          {(row) => <AuditBody audit={row} />}
        </QueryView>
      </CardContent>
    </Card>
  );
}

function AuditBody({ audit }: { audit: Audit }) {
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span>
          Release <code>{audit.release}</code>
        </span>
        <AuditStatus audit={audit} />
        {audit.threshold !== null ? <span>threshold {audit.threshold}</span> : null}
      </div>
      {audit.status === "error" ? (
        <Alert tone="error" data-testid="audit-error">
          The audit could not finish: {audit.error ?? "no reason recorded"}. Its pairs so far are kept below.
        </Alert>
      ) : null}
      {audit.summary ? (
        <section aria-label="Scores by attribute" className="flex flex-col gap-2">
          <ScoreChart summary={audit.summary} threshold={audit.threshold} />
          <ScoresTable summary={audit.summary} threshold={audit.threshold} />
        </section>
      ) : inFlight(audit) ? (
        <p className="text-sm text-muted-foreground" data-testid="scores-pending">
          Scores appear when every case is answered; the pairs answered so far are below.
        </p>
      ) : null}
      <details className="rounded-md border p-2">
        <summary className="cursor-pointer text-sm font-medium">Provenance (for auditors)</summary>
        <div className="mt-2">
          <AuditProvenance audit={audit} />
        </div>
      </details>
      <PairsPanel key={audit.id} auditId={audit.id} />
    </div>
  );
}
