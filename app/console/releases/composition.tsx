import type { Release } from "./types";

const PARTS: [keyof Release["components"], string][] = [
  ["embedder", "Embedder"],
  ["index", "Index"],
  ["analyzer", "Analyzer"],
  ["prompt", "Prompt"],
  ["biasPolicy", "Bias policy"],
];

/** What a release bundles, one part a line; index versions are content hashes, shown short with the whole in a title. */
export function Composition({ components }: { components: Release["components"] }) {
  return (
    // A floor on its width: in a narrow window the table scrolls instead of squeezing the versions to nothing.
    <dl className="grid min-w-64 grid-cols-[6rem_minmax(0,1fr)] gap-x-2 text-xs" data-testid="composition">
      {PARTS.map(([key, label]) => (
        <div key={key} className="contents">
          <dt className="text-muted-foreground">{label}</dt>
          <dd className="min-w-0 truncate" data-testid={`part-${key}`}>
            <code title={components[key]}>{key === "index" ? components[key].slice(0, 12) : components[key]}</code>
          </dd>
        </div>
      ))}
    </dl>
  );
}
