"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { DataTable } from "@/components/console/data-table";
import { formatDate } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";
import { PageHeader } from "@/components/console/states";

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
            rowKey={(row) => `${row.model}@${row.version}`}
            columns={[
              { header: "Name", className: "font-medium", cell: (row) => row.model },
              { header: "Version", cell: (row) => <code>{row.version}</code> },
              { header: "Created", cell: (row) => formatDate(row.createdAt) },
            ]}
          />
        )}
      </QueryView>
    </>
  );
}
