"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { formatDate, formatNumber } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export function CorpusCard() {
  const trpc = useTRPC();
  const corpus = useQuery(trpc.index.corpus.queryOptions());
  return (
    <Card aria-labelledby="index-corpus-title">
      <CardHeader>
        <CardTitle id="index-corpus-title">Corpus</CardTitle>
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
  );
}
