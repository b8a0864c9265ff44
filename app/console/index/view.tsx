"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { formatDate, formatNumber } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";
import { PageHeader } from "@/components/console/states";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export function IndexView() {
  const trpc = useTRPC();
  const corpus = useQuery(trpc.index.corpus.queryOptions());
  const versions = useQuery(trpc.index.versions.queryOptions());
  return (
    <>
      <PageHeader title="Index" description="The loan-profile corpus and the vector index versions built from it." />
      <div className="grid gap-4">
        <Card>
          <CardHeader>
            <CardTitle>Corpus</CardTitle>
            <CardDescription>Loan-profile documents and recent ingests.</CardDescription>
          </CardHeader>
          <CardContent>
            <QueryView
              query={corpus}
              isEmpty={(data) => data.documents === 0}
              empty={{ title: "No documents yet", body: "Run npm run cli -- ingest <file.csv> to add loans." }}
            >
              {(data) => (
                <>
                  <p className="mb-3 text-sm">
                    <span className="text-2xl font-semibold" data-testid="document-count">
                      {formatNumber(data.documents)}
                    </span>{" "}
                    documents
                  </p>
                  <Table>
                    <TableHeader>
                      <TableRow>
                        <TableHead>Source</TableHead>
                        <TableHead>Rows</TableHead>
                        <TableHead>Stored</TableHead>
                        <TableHead>Duplicates</TableHead>
                        <TableHead>Malformed</TableHead>
                        <TableHead>Finished</TableHead>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {data.runs.map((run) => (
                        <TableRow key={run.id}>
                          <TableCell>{run.source}</TableCell>
                          <TableCell>{formatNumber(run.rows)}</TableCell>
                          <TableCell>{formatNumber(run.inserted)}</TableCell>
                          <TableCell>{formatNumber(run.duplicates)}</TableCell>
                          <TableCell>{run.malformed > 0 ? <Badge tone="warn">{run.malformed}</Badge> : 0}</TableCell>
                          <TableCell>{formatDate(run.finishedAt)}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </>
              )}
            </QueryView>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Index versions</CardTitle>
          </CardHeader>
          <CardContent>
            <QueryView
              query={versions}
              empty={{ title: "No index built yet", body: "Index versions appear here once one is built." }}
            >
              {(rows) => (
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHead>Version</TableHead>
                      <TableHead>Kind</TableHead>
                      <TableHead>Vectors</TableHead>
                      <TableHead>Recall@5</TableHead>
                      <TableHead>Created</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {rows.map((row) => (
                      <TableRow key={row.version}>
                        <TableCell>
                          <code>{row.version.slice(0, 12)}</code>{" "}
                          {row.active ? <Badge tone="good">active</Badge> : null}
                        </TableCell>
                        <TableCell>{row.kind}</TableCell>
                        <TableCell>{formatNumber(row.vectors)}</TableCell>
                        <TableCell>{formatNumber(row.recall, 3)}</TableCell>
                        <TableCell>{formatDate(row.createdAt)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </QueryView>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
