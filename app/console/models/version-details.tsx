import type { ReactNode } from "react";
import { formatDate, formatNumber } from "@/components/console/format";
import { Badge } from "@/components/ui/badge";
import type { ModelVersion } from "./types";

/** Everything the registry holds about a version, as a reviewer reads it before bundling it into a release. */
export function VersionDetails({ version }: { version: ModelVersion }) {
  const { artifact, provider, trainingData } = version.metadata;
  return (
    <dl
      className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[12rem_minmax(0,1fr)]"
      data-testid="version-details"
      aria-label={`Metadata of ${version.model}@${version.version}`}
    >
      <Item term="Changelog">{version.changelog || "—"}</Item>
      <Item term="Previous version">{version.previousVersion ? <code>{version.previousVersion}</code> : "—"}</Item>
      <Item term="Artifact">
        {artifact ? (
          <span className="flex flex-col gap-1">
            <code className="break-all">{artifact.uri}</code>
            <span>
              sha256 <code className="break-all">{artifact.sha256}</code>, {formatNumber(artifact.bytes)} bytes
              {artifact.files ? `, ${Object.keys(artifact.files).length} files` : ""}
            </span>
          </span>
        ) : (
          "none (nothing to store for this provider)"
        )}
      </Item>
      <Item term="Provider">{provider ? <ProviderSettings provider={provider} /> : "—"}</Item>
      <Item term="Training data">{trainingData || "—"}</Item>
      <Item term="Tags">
        {version.tags.length ? (
          <span className="flex flex-wrap gap-1">
            {version.tags.map((tag) => (
              <Badge key={tag}>{tag}</Badge>
            ))}
          </span>
        ) : (
          "—"
        )}
      </Item>
      <Item term="Created">
        {formatDate(version.createdAt)} by {version.createdBy}
      </Item>
      {version.archivedAt ? <Item term="Archived">{formatDate(version.archivedAt)}</Item> : null}
    </dl>
  );
}

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-medium text-muted-foreground">{term}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}

function ProviderSettings({ provider }: { provider: NonNullable<ModelVersion["metadata"]["provider"]> }) {
  if (provider.kind !== "openai") return <code>{provider.kind}</code>;
  return (
    <span className="flex flex-col gap-1">
      <span>
        OpenAI-compatible at <code className="break-all">{provider.baseUrl}</code>, model <code>{provider.model}</code>
      </span>
      <span>
        {/* Only the variable's name is stored; the key stays in the environment of the processes that call it. */}
        API key from {provider.apiKeyEnv ? <code>${provider.apiKeyEnv}</code> : "no variable (no key sent)"}
      </span>
    </span>
  );
}
