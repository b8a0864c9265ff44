"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { DataTable } from "@/components/console/data-table";
import { formatDate, formatNumber } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";
import { PageHeader } from "@/components/console/states";
import { Badge } from "@/components/ui/badge";
import { BiasTabs } from "./bias-tabs";
import { DecisionsByGroup } from "./decisions-by-group";
import { FairnessReportForm } from "./fairness-report-form";
import { ReviewSection } from "./review/review-section";

export function BiasView() {
  const trpc = useTRPC();
  const alerts = useQuery(trpc.bias.alerts.queryOptions());
  return (
    <>
      <BiasTabs />
      <PageHeader
        title="Bias & fairness"
        description="Fairness alerts by model version, and group fairness reports of uploaded decisions."
      />
      <QueryView
        query={alerts}
        empty={{ title: "No bias alerts", body: "Alerts appear here when a fairness metric crosses its threshold." }}
      >
        {(rows) => (
          <DataTable
            rows={rows}
            rowKey={(row) => row.id}
            columns={[
              { header: "When", cell: (row) => formatDate(row.createdAt) },
              { header: "Model version", cell: (row) => <code>{row.modelVersion}</code> },
              { header: "Metric", cell: (row) => row.metric },
              {
                header: "Value / threshold",
                cell: (row) => (
                  <>
                    <Badge tone="bad">{formatNumber(row.value, 3)}</Badge> / {formatNumber(row.threshold, 3)}
                  </>
                ),
              },
              { header: "Message", cell: (row) => row.message },
            ]}
          />
        )}
      </QueryView>
      <DecisionsByGroup />
      <ReviewSection />
      <div className="mt-6">
        <FairnessReportForm />
      </div>
    </>
  );
}
