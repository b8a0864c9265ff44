"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { formatDate, formatNumber } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";
import { PageHeader } from "@/components/console/states";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export function BiasView() {
  const trpc = useTRPC();
  const alerts = useQuery(trpc.bias.alerts.queryOptions());
  return (
    <>
      <PageHeader title="Bias & fairness" description="Fairness alerts by model version." />
      <QueryView
        query={alerts}
        empty={{ title: "No bias alerts", body: "Alerts appear here when a fairness metric crosses its threshold." }}
      >
        {(rows) => (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>When</TableHead>
                <TableHead>Model version</TableHead>
                <TableHead>Metric</TableHead>
                <TableHead>Value / threshold</TableHead>
                <TableHead>Message</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.id}>
                  <TableCell>{formatDate(row.createdAt)}</TableCell>
                  <TableCell>
                    <code>{row.modelVersion}</code>
                  </TableCell>
                  <TableCell>{row.metric}</TableCell>
                  <TableCell>
                    <Badge tone="bad">{formatNumber(row.value, 3)}</Badge> / {formatNumber(row.threshold, 3)}
                  </TableCell>
                  <TableCell>{row.message}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </QueryView>
    </>
  );
}
