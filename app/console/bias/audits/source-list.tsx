import { Badge } from "@/components/ui/badge";

/** The loans one side retrieved, those the other side did not retrieve marked: do personas retrieve different loans? */
export function SourceList({ sources, other, label }: { sources: number[]; other: number[]; label: string }) {
  if (sources.length === 0) return <p className="text-sm text-muted-foreground">No sources retrieved.</p>;
  const shared = new Set(other);
  return (
    <ol className="flex flex-wrap gap-1" aria-label={label} data-testid="sources">
      {sources.map((source) => {
        const only = !shared.has(source);
        return (
          <li key={source} data-testid="source" data-only={only}>
            <Badge tone={only ? "warn" : "neutral"} title={only ? "only this side retrieved it" : "both retrieved it"}>
              loan {source}
              {only ? <span className="sr-only"> (only this side)</span> : null}
            </Badge>
          </li>
        );
      })}
    </ol>
  );
}
