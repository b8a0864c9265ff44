"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { DataTable } from "@/components/console/data-table";
import { formatDate } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";
import { PageHeader } from "@/components/console/states";
import { Badge } from "@/components/ui/badge";

export function ModelsView() {
  const trpc = useTRPC();
  const models = useQuery(trpc.models.list.queryOptions());
  return (
    <>
      <PageHeader title="Models" description="Registered model versions, their stage and metadata." />
      <QueryView
        query={models}
        empty={{
          title: "No model versions registered yet",
          body: "Versions appear here once the registry records them.",
        }}
      >
        {(rows) => (
          <DataTable
            rows={rows}
            rowKey={(row) => row.id}
            columns={[
              { header: "Name", className: "font-medium", cell: (row) => row.name },
              { header: "Version", cell: (row) => <code>{row.version}</code> },
              {
                header: "Stage",
                cell: (row) => <Badge tone={row.stage === "active" ? "good" : "neutral"}>{row.stage}</Badge>,
              },
              { header: "Created", cell: (row) => formatDate(row.createdAt) },
            ]}
          />
        )}
      </QueryView>
    </>
  );
}
