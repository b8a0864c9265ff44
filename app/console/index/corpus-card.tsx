"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { DataTable } from "@/components/console/data-table";
import { formatDate, formatNumber } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

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
              <DataTable
                rows={data.runs}
                rowKey={(run) => run.id}
                columns={[
                  { header: "Source", cell: (run) => run.source },
                  { header: "Rows", cell: (run) => formatNumber(run.rows) },
                  { header: "Stored", cell: (run) => formatNumber(run.inserted) },
                  { header: "Duplicates", cell: (run) => formatNumber(run.duplicates) },
                  {
                    header: "Malformed",
                    cell: (run) => (run.malformed > 0 ? <Badge tone="warn">{run.malformed}</Badge> : 0),
                  },
                  { header: "Finished", cell: (run) => formatDate(run.finishedAt) },
                ]}
              />
            </>
          )}
        </QueryView>
      </CardContent>
    </Card>
  );
}
