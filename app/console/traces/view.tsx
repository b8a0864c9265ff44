"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { QueryView } from "@/components/console/query-view";
import { PageHeader } from "@/components/console/states";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { TraceResults } from "./results-table";
import { TraceSearchForm } from "./search-form";
import { TraceDetails } from "./trace-details";
import type { TraceFilter } from "./types";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIMIT = 50;

/**
 * Stored advice requests and, for the one chosen (?trace=<advice id>, so it can be linked and the
 * browser's Back closes it), its path through the graph with what it answered.
 */
export function TracesView() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const chosen = useSearchParams().get("trace");
  const [filter, setFilter] = useState<TraceFilter>({});
  const results = useQuery(trpc.traces.search.queryOptions({ ...filter, limit: LIMIT }));

  return (
    <>
      <PageHeader
        title="Traces"
        description="Every stored advice request: find one, then follow it through retriever, analyzer and orchestrator."
      />
      <div className="grid grid-cols-1 gap-4">
        <Card aria-labelledby="trace-search-title">
          <CardHeader>
            <CardTitle id="trace-search-title">Find requests</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <TraceSearchForm onSearch={setFilter} />
            <QueryView
              query={results}
              empty={{
                title: "No requests match",
                body: "Widen the time range or clear a filter; requests appear here as borrowers and partners ask.",
              }}
            >
              {(rows) => (
                <>
                  <TraceResults rows={rows} selected={chosen} />
                  {rows.length === LIMIT ? (
                    <p className="mt-2 text-xs text-muted-foreground">
                      The newest {LIMIT}; narrow the search to see older ones.
                    </p>
                  ) : null}
                </>
              )}
            </QueryView>
          </CardContent>
        </Card>
        {chosen === null ? null : UUID.test(chosen) ? (
          <TraceDetails adviceId={chosen} onClose={() => router.push(pathname, { scroll: false })} />
        ) : (
          <Alert tone="error">The link names no request: ?trace= takes an advice request&apos;s id (a UUID).</Alert>
        )}
      </div>
    </>
  );
}
