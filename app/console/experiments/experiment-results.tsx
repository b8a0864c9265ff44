"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { QueryView } from "@/components/console/query-view";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ArmsTable } from "./arms-table";
import { ComparisonsTable } from "./comparisons-table";
import { ExposuresChart } from "./exposures-chart";
import { metricLabel } from "./format";
import { GuardrailsList } from "./guardrails-list";
import { LiftChart } from "./lift-chart";
import { SrmBanner } from "./srm-banner";
import { StatusBadge } from "./status-badge";
import { StopBanner } from "./stop-banner";
import type { Results } from "./types";

/** The hypothesis as a sentence, so the primary metric after it reads as the next one. */
const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** While an experiment runs its figures move with every request: the page keeps up. */
const LIVE_REFRESH_MS = 3_000;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="flex min-w-0 flex-col gap-2">
      <h3 className="text-sm font-semibold">{title}</h3>
      {children}
    </section>
  );
}

/** One experiment's live results: the sample-ratio check, each arm's figures, lifts, guardrails, and shipping. */
export function ExperimentResults({
  experimentKey,
  onShip,
}: {
  experimentKey: string;
  onShip: (results: Results) => void;
}) {
  const trpc = useTRPC();
  const results = useQuery({
    ...trpc.experiments.results.queryOptions({ key: experimentKey }),
    refetchInterval: (query) => (query.state.data?.experiment.status === "running" ? LIVE_REFRESH_MS : false),
  });
  return (
    <Card aria-labelledby="results-title" data-testid="experiment-results">
      <CardHeader>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="min-w-0">
            <CardTitle id="results-title" className="flex flex-wrap items-center gap-2">
              Results of {experimentKey} {results.data ? <StatusBadge experiment={results.data.experiment} /> : null}
            </CardTitle>
            <CardDescription className="break-words">
              {sentence(results.data?.experiment.hypothesis || "No hypothesis written.")}{" "}
              {results.data
                ? `Primary metric: ${metricLabel(results.data.experiment.primaryMetric)}.` +
                  (results.data.experiment.status === "running" ? " Live: refreshed every few seconds." : "")
                : null}
            </CardDescription>
          </div>
          {results.data &&
          results.data.experiment.status !== "draft" &&
          results.data.experiment.shippedVariant === null ? (
            <Button size="sm" onClick={() => onShip(results.data)}>
              Ship winner…
            </Button>
          ) : null}
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <QueryView query={results} empty={{ title: "No results" }} isEmpty={() => false}>
          {(data) => {
            const release = (arm: number) => data.experiment.variants[arm] ?? "?";
            return (
              <>
                {data.stop ? <StopBanner stop={data.stop} /> : null}
                <SrmBanner srm={data.analysis.srm} />
                <Section title="Arms">
                  <ArmsTable arms={data.arms} metrics={data.analysis.metrics} />
                </Section>
                <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
                  <Section title="Lift against control (95 % intervals)">
                    <LiftChart metrics={data.analysis.metrics} />
                  </Section>
                  <Section title="Users exposed per day">
                    <ExposuresChart exposures={data.exposuresPerDay} releases={data.experiment.variants} />
                  </Section>
                </div>
                <Section title="Against control">
                  <ComparisonsTable metrics={data.analysis.metrics} release={release} />
                </Section>
                <Section title="Guardrails">
                  <GuardrailsList guardrails={data.analysis.guardrails} release={release} />
                </Section>
              </>
            );
          }}
        </QueryView>
      </CardContent>
    </Card>
  );
}
