"use client";

import { PageHeader } from "@/components/console/states";
import { BuildPanel } from "./build-panel";
import { CorpusCard } from "./corpus-card";
import { FleetPanel } from "./fleet-panel";
import { JobsPanel } from "./jobs-panel";
import { TriggersPanel } from "./triggers-panel";
import { VersionsPanel } from "./versions-panel";

/** Ordered for the engineer on call: what serves now and who follows it, then what is running, then what to do next. */
export function IndexView() {
  return (
    <>
      <PageHeader
        title="Index"
        description="Vector index versions: build, validate, promote and roll back, and watch the fleet follow."
      />
      {/* One column that may be narrower than its content (grid-cols-1 is minmax(0, 1fr)): a wide
          table scrolls inside its card instead of stretching the page past the window. */}
      <div className="grid grid-cols-1 gap-4">
        <VersionsPanel />
        <FleetPanel />
        <JobsPanel />
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <BuildPanel />
          <TriggersPanel />
        </div>
        <CorpusCard />
      </div>
    </>
  );
}
