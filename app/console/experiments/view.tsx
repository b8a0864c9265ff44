"use client";

import { PageHeader } from "@/components/console/states";
import { ExperimentsPanel } from "./experiments-panel";

/** A/B experiments between releases: create, start and stop them, read their results, ship a winner. */
export function ExperimentsView() {
  return (
    <>
      <PageHeader
        title="Experiments"
        description="A/B experiments between releases (control first): live results with intervals, the sample-ratio check and fairness guardrails."
      />
      <ExperimentsPanel />
    </>
  );
}
