import { Badge } from "../ui/badge";
import type { Source } from "./types";

export function SourcesPanel({ sources }: { sources: Source[] }) {
  if (sources.length === 0) return null;
  return (
    <details className="rounded-md border bg-muted/30 p-3 text-sm" open data-testid="sources">
      <summary className="cursor-pointer font-medium">
        Based on {sources.length} similar loan{sources.length === 1 ? "" : "s"}
      </summary>
      <ol className="mt-2 flex flex-col gap-2">
        {sources.map((source) => (
          <li key={source.id} className="rounded border bg-background p-2" data-testid="source">
            <div className="mb-1 flex flex-wrap items-center gap-2 text-xs">
              <span className="font-mono">#{source.id}</span>
              <span className="text-muted-foreground">similarity {(source.score * 100).toFixed(1)}%</span>
              <Badge tone={source.outcome === "fully_paid" ? "good" : "bad"}>
                {source.outcome === "fully_paid" ? "fully paid" : "charged off"}
              </Badge>
            </div>
            <p className="text-muted-foreground">{source.text}</p>
          </li>
        ))}
      </ol>
    </details>
  );
}
