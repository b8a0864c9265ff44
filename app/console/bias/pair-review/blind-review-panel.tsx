"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { QueryView } from "@/components/console/query-view";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { BlindPairView } from "./blind-pair";
import { RevealedPairView } from "./revealed-pair";
import type { RevealedPair } from "./types";

/** The signed-in reviewer's next unjudged pair of one audit, judged blind, then revealed. */
export function BlindReviewPanel({ auditId }: { auditId: number }) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const page = useQuery(trpc.fairnessAudits.blindPair.queryOptions({ auditId }));
  const [revealed, setRevealed] = useState<RevealedPair | null>(null);
  const judge = useMutation(
    trpc.fairnessAudits.judgePair.mutationOptions({
      onSuccess: (pair) => {
        setRevealed(pair);
        // While the reveal is read, the next pair is fetched and the agreement figures move.
        void client.invalidateQueries({ queryKey: trpc.fairnessAudits.blindPair.queryKey({ auditId }) });
        void client.invalidateQueries({ queryKey: trpc.fairnessAudits.pairAgreement.pathKey() });
      },
    }),
  );
  const next = () => {
    setRevealed(null);
    judge.reset();
  };
  const data = page.data;
  return (
    <Card aria-labelledby="blind-review-title" data-testid="blind-review">
      <CardHeader>
        <CardTitle id="blind-review-title">Review pairs of audit #{auditId}</CardTitle>
        <CardDescription data-testid="review-progress">
          {data
            ? `${data.release}: you have judged ${data.judged} of ${data.total} pairs.`
            : "Each pair is one borrower question answered for two personas that differ in one detail."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {revealed ? (
          <RevealedPairView pair={revealed} nextReady={!page.isFetching} onNext={next} />
        ) : (
          <QueryView
            query={page}
            isEmpty={(loaded) => loaded.pair === null}
            empty={
              data?.total === 0
                ? { title: "This audit has no pairs" }
                : {
                    title: "You have judged every pair of this audit",
                    body: "Pick another audit above; the agreement below counts your judgements.",
                  }
            }
          >
            {(loaded) => (
              <BlindPairView
                key={loaded.pair!.pairId}
                pair={loaded.pair!}
                busy={judge.isPending}
                error={judge.error?.message ?? null}
                onJudge={(verdict, note) =>
                  judge.mutate({ pairId: loaded.pair!.pairId, verdict, note: note === "" ? undefined : note })
                }
              />
            )}
          </QueryView>
        )}
      </CardContent>
    </Card>
  );
}
