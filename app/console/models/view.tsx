"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { QueryView } from "@/components/console/query-view";
import { PageHeader } from "@/components/console/states";
import { ModelCard } from "./model-card";
import { RegisterPanel } from "./register-panel";
import type { ModelKind, RegistryModel, VersionMetrics } from "./types";

/** Picks up versions registered and aliases moved elsewhere (the CLI, another console) without a reload. */
const REFRESH_MS = 15_000;

const KIND_TITLES: Record<ModelKind, string> = {
  embedder: "Embedders",
  analyzer: "Analyzers",
  prompt: "Prompts",
  "bias-policy": "Bias policies",
};
const KINDS = Object.keys(KIND_TITLES) as ModelKind[];

export function ModelsView() {
  const trpc = useTRPC();
  const models = useQuery({ ...trpc.registry.models.queryOptions(), refetchInterval: REFRESH_MS });
  const metrics = useQuery({ ...trpc.registry.metrics.queryOptions(), refetchInterval: REFRESH_MS });
  return (
    <>
      <PageHeader
        title="Models"
        description="Registered versions of each embedder, analyzer, prompt and bias policy, their aliases, and how each version has served."
      />
      <div className="grid grid-cols-1 gap-4">
        <RegisterPanel />
        <QueryView
          query={models}
          empty={{
            title: "No models registered yet",
            body: "The first start registers what the environment configures; register more above or with the CLI.",
          }}
        >
          {(rows) => (
            <>
              {KINDS.map((kind) => (
                <KindSection
                  key={kind}
                  kind={kind}
                  models={rows.filter((model) => model.kind === kind)}
                  metrics={metrics.data ?? []}
                  metricsError={metrics.error?.message ?? null}
                />
              ))}
            </>
          )}
        </QueryView>
      </div>
    </>
  );
}

function KindSection({
  kind,
  models,
  metrics,
  metricsError,
}: {
  kind: ModelKind;
  models: RegistryModel[];
  metrics: readonly VersionMetrics[];
  metricsError: string | null;
}) {
  const headingId = `kind-${kind}`;
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <h2 id={headingId} className="text-lg font-semibold">
        {KIND_TITLES[kind]}
      </h2>
      {models.length === 0 ? (
        <p className="rounded-md border border-dashed p-4 text-sm text-muted-foreground">No {kind} registered yet.</p>
      ) : (
        models.map((model) => (
          <ModelCard key={model.name} model={model} metrics={metrics} metricsError={metricsError} />
        ))
      )}
    </section>
  );
}
