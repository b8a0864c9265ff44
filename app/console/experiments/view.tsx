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
      <PageHeader title="Experiments" description="A/B experiments between model versions." />
      <QueryView
        query={experiments}
        empty={{ title: "No experiments yet", body: "Experiments appear here once one is created." }}
      >
        {(rows) => (
          <DataTable
            rows={rows}
            rowKey={(row) => row.id}
            columns={[
              { header: "Name", className: "font-medium", cell: (row) => row.name },
              {
                header: "Status",
                cell: (row) => <Badge tone={row.status === "running" ? "good" : "neutral"}>{row.status}</Badge>,
              },
              { header: "Variants", cell: (row) => row.variants.map((v) => `${v.name} (${v.weight}%)`).join(", ") },
              { header: "Created", cell: (row) => formatDate(row.createdAt) },
            ]}
          />
        )}
      </QueryView>
    </>
  );
}
