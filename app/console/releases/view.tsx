"use client";

import { PageHeader } from "@/components/console/states";
import { AdviceLookup } from "./advice-lookup";
import { ReleasesPanel } from "./releases-panel";
import { TimelinePanel } from "./timeline-panel";

/** What serves borrowers and partners, how it got there, and what may replace it. */
export function ReleasesView() {
  return (
    <>
      <PageHeader
        title="Releases"
        description="Bundles of embedder, index, analyzer, prompt and bias policy. Production is what the chat and partners are served."
      />
      {/* One column that may be narrower than its content: a wide table scrolls inside its card. */}
      <div className="grid grid-cols-1 gap-4">
        <ReleasesPanel />
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <TimelinePanel />
          <AdviceLookup />
        </div>
      </div>
    </>
  );
}
