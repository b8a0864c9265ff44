"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { formatDate } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ProductionAt } from "./production-at";

const REFRESH_MS = 15_000;

const ACTION_LABELS: Record<string, string> = {
  "release.promote": "promoted",
  "release.rollback": "rolled back to",
  "release.alias": "moved to",
};

/** The ledger's record of every move of `production`, newest first, and the question "what served at T?". */
export function TimelinePanel() {
  const trpc = useTRPC();
  const timeline = useQuery({ ...trpc.releases.timeline.queryOptions(), refetchInterval: REFRESH_MS });
  return (
    <Card aria-labelledby="timeline-title">
      <CardHeader>
        <CardTitle id="timeline-title">Production timeline</CardTitle>
        <CardDescription>
          Every move of <code>production</code> as the hash-chained audit ledger records it, newest first.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <ProductionAt />
        <QueryView
          query={timeline}
          empty={{ title: "Production has not moved yet", body: "The first start puts release 1.0.0 there." }}
        >
          {(moves) => (
            <ol className="flex flex-col gap-2" aria-label="Moves of production" data-testid="timeline">
              {moves.map((move) => (
                <li
                  key={move.ledgerId}
                  className="rounded-md border p-3 text-sm"
                  data-testid="timeline-entry"
                  data-release={move.release}
                  data-action={move.action}
                >
                  <p className="flex flex-wrap items-center gap-2">
                    <time dateTime={new Date(move.at).toISOString()} className="text-muted-foreground">
                      {formatDate(move.at)}
                    </time>
                    <Badge tone={move.action === "release.rollback" ? "warn" : "neutral"}>
                      {ACTION_LABELS[move.action] ?? move.action}
                    </Badge>
                    <span>
                      <code>{move.release}</code>
                      {move.previous ? (
                        <>
                          {" "}
                          (was <code>{move.previous}</code>)
                        </>
                      ) : null}
                    </span>
                    <span className="text-muted-foreground">by {move.actor}</span>
                    <span className="text-xs text-muted-foreground">ledger #{move.ledgerId}</span>
                  </p>
                  {move.reason ? <p className="mt-1">{move.reason}</p> : null}
                </li>
              ))}
            </ol>
          )}
        </QueryView>
      </CardContent>
    </Card>
  );
}
