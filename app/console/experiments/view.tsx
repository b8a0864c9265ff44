"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { DataTable } from "@/components/console/data-table";
import { formatDate } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";
import { PageHeader } from "@/components/console/states";
import { Badge } from "@/components/ui/badge";

export function ExperimentsView() {
  const trpc = useTRPC();
  const experiments = useQuery(trpc.experiments.list.queryOptions());
  return (
    <>
      <PageHeader title="Experiments" description="A/B experiments between releases (control first)." />
      <QueryView
        query={experiments}
        empty={{
          title: "No experiments yet",
          body: "Create one with npm run cli -- experiments create --key K --variants <release>,<release>.",
        }}
      >
        {(rows) => (
          <DataTable
            rows={rows}
            rowKey={(row) => row.key}
            columns={[
              { header: "Key", className: "font-medium", cell: (row) => row.key },
              {
                header: "Status",
                cell: (row) => <Badge tone={row.status === "running" ? "good" : "neutral"}>{row.status}</Badge>,
              },
              {
                header: "Variants (release, weight)",
                cell: (row) =>
                  row.variants
                    .map(
                      (release, i) =>
                        `${i === 0 ? "control " : ""}${release} (${Math.round((row.weights[i] ?? 0) * 100)}%)`,
                    )
                    .join(", "),
              },
              { header: "Coverage", cell: (row) => `${Math.round(row.coverage * 100)}%` },
              { header: "Created", cell: (row) => formatDate(row.createdAt) },
            ]}
          />
        )}
      </QueryView>
    </>
  );
}
