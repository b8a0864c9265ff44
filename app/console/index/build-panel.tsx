"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ActionForm } from "./action-form";
import { useBuildIndex } from "./use-index-actions";

type Kind = "exact" | "hnsw";

const KINDS: { kind: Kind; label: string; hint: string }[] = [
  { kind: "exact", label: "Exact", hint: "brute force, recall 1.0; fine up to a few hundred thousand vectors" },
  { kind: "hnsw", label: "HNSW", hint: "approximate, fast at scale; validated for recall before it can serve" },
];

export function BuildPanel() {
  const build = useBuildIndex();
  const [kind, setKind] = useState<Kind>("exact");
  const [queued, setQueued] = useState<string | null>(null);
  // Each successful build starts a fresh form with an empty reason.
  const [formKey, setFormKey] = useState(0);

  const submit = (reason: string) => {
    setQueued(null);
    build.mutate(
      { kind, reason },
      {
        onSuccess: (job) => {
          setQueued(
            `Queued ${job.queue} job ${job.id}: it embeds new documents, builds the ${kind} index, then validates it. Follow it under Index jobs.`,
          );
          setFormKey((key) => key + 1);
        },
      },
    );
  };

  return (
    <Card aria-labelledby="index-build-title">
      <CardHeader>
        <CardTitle id="index-build-title">Build</CardTitle>
        <CardDescription>
          Builds a candidate from the current corpus. It does not serve until promoted. The same vectors and kind give
          the same version.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <ActionForm
          key={formKey}
          name="Build an index"
          submitLabel="Build"
          pendingLabel="Queuing…"
          pending={build.isPending}
          error={build.error?.message ?? null}
          onSubmit={submit}
          // The page opens on the versions, not on this field.
          autoFocus={false}
        >
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium">Kind</legend>
            {KINDS.map((option) => (
              <label key={option.kind} className="flex items-start gap-2 text-sm">
                <input
                  type="radio"
                  name="index-kind"
                  value={option.kind}
                  checked={kind === option.kind}
                  onChange={() => setKind(option.kind)}
                  className="mt-0.5"
                />
                <span>
                  <span className="font-medium">{option.label}</span>{" "}
                  <span className="text-muted-foreground">({option.hint})</span>
                </span>
              </label>
            ))}
          </fieldset>
        </ActionForm>
        {queued ? (
          <Alert tone="success" data-testid="queued-build">
            {queued}
          </Alert>
        ) : null}
      </CardContent>
    </Card>
  );
}
