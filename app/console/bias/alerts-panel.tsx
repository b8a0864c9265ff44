"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { DataTable } from "@/components/console/data-table";
import { formatDate, formatNumber } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { AcknowledgeDialog } from "./acknowledge-dialog";
import { EvaluateAlertsButton } from "./evaluate-alerts-button";

const KIND_LABELS: Record<string, string> = {
  bias_score_rise: "Bias score rise",
  flag_rate_doubled: "Flag rate doubled",
  four_fifths: "Four-fifths rule",
  audit_failed: "Nightly audit failed",
};

function evaluatedText(raised: { kind: string; modelVersion: string }[]): string {
  if (raised.length === 0) return "Evaluated the alert rules: no new alerts.";
  const which = raised.map((alert) => `${KIND_LABELS[alert.kind] ?? alert.kind} of ${alert.modelVersion}`).join("; ");
  return `Evaluated the alert rules: ${raised.length} new ${raised.length === 1 ? "alert" : "alerts"} (${which}).`;
}

/** Open bias alerts, each acknowledged with a note; acknowledged ones stay below, as history. */
export function AlertsPanel() {
  const trpc = useTRPC();
  const alerts = useQuery(trpc.bias.alerts.queryOptions());
  const [acknowledging, setAcknowledging] = useState<{ id: number; message: string } | null>(null);
  const [done, setDone] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  return (
    <section aria-labelledby="bias-alerts" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="bias-alerts" className="text-lg font-semibold">
          Alerts
        </h2>
        <EvaluateAlertsButton
          onDone={(raised) => setDone({ tone: "success", text: evaluatedText(raised) })}
          onError={(text) => setDone({ tone: "error", text })}
        />
      </div>
      {done ? (
        <Alert tone={done.tone} data-testid="bias-alerts-done">
          {done.text}
        </Alert>
      ) : null}
      <QueryView
        query={alerts}
        empty={{
          title: "No bias alerts",
          body: "Alerts appear when a release's 7-day bias score rises by more than 0.1, its flag rate doubles, a group breaks the four-fifths rule, or a nightly audit fails.",
        }}
      >
        {(rows) => {
          const open = rows.filter((row) => row.acknowledgedAt === null);
          const history = rows.filter((row) => row.acknowledgedAt !== null);
          return (
            <div className="flex flex-col gap-4">
              {open.length === 0 ? (
                <p className="text-sm text-muted-foreground" data-testid="bias-alerts-none-open">
                  No open alerts.
                </p>
              ) : (
                <DataTable
                  rows={open}
                  rowKey={(row) => row.id}
                  rowProps={(row) => ({ "data-testid": `bias-alert-${row.id}` })}
                  columns={[
                    { header: "When", cell: (row) => formatDate(row.createdAt) },
                    { header: "Kind", cell: (row) => <Badge tone="bad">{KIND_LABELS[row.kind] ?? row.kind}</Badge> },
                    { header: "Release", cell: (row) => <code>{row.modelVersion}</code> },
                    {
                      header: "Value / threshold",
                      cell: (row) => `${formatNumber(row.value, 3)} / ${formatNumber(row.threshold, 3)}`,
                    },
                    { header: "Message", cell: (row) => row.message },
                    {
                      header: "",
                      cell: (row) => (
                        <Button size="sm" variant="outline" onClick={() => setAcknowledging(row)}>
                          Acknowledge
                        </Button>
                      ),
                    },
                  ]}
                />
              )}
              {history.length > 0 ? (
                <details>
                  <summary className="cursor-pointer text-sm">Acknowledged ({history.length})</summary>
                  <DataTable
                    rows={history}
                    rowKey={(row) => row.id}
                    columns={[
                      { header: "When", cell: (row) => formatDate(row.createdAt) },
                      { header: "Kind", cell: (row) => KIND_LABELS[row.kind] ?? row.kind },
                      { header: "Release", cell: (row) => <code>{row.modelVersion}</code> },
                      { header: "Message", cell: (row) => row.message },
                      {
                        header: "Acknowledged",
                        cell: (row) => `${row.acknowledgedBy ?? ""}, ${formatDate(row.acknowledgedAt)}`,
                      },
                      { header: "Note", cell: (row) => row.acknowledgeNote },
                    ]}
                  />
                </details>
              ) : null}
            </div>
          );
        }}
      </QueryView>
      {acknowledging ? (
        <AcknowledgeDialog
          alert={acknowledging}
          onClose={() => setAcknowledging(null)}
          onDone={(message) => {
            setAcknowledging(null);
            setDone({ tone: "success", text: message });
          }}
        />
      ) : null}
    </section>
  );
}
