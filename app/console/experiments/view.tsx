"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { formatDate } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";
import { PageHeader } from "@/components/console/states";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

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
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Variants</TableHead>
                <TableHead>Created</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.id}>
                  <TableCell className="font-medium">{row.name}</TableCell>
                  <TableCell>
                    <Badge tone={row.status === "running" ? "good" : "neutral"}>{row.status}</Badge>
                  </TableCell>
                  <TableCell>{row.variants.map((v) => `${v.name} (${v.weight}%)`).join(", ")}</TableCell>
                  <TableCell>{formatDate(row.createdAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </QueryView>
    </>
  );
}
