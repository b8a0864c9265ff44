"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent, type KeyboardEvent } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Field } from "@/components/console/field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { Release } from "./types";
import { useRefreshReleases } from "./use-refresh-releases";

type PartKey = "embedder" | "analyzer" | "prompt" | "biasPolicy";
const PARTS: { key: PartKey; kind: string; label: string }[] = [
  { key: "embedder", kind: "embedder", label: "Embedder" },
  { key: "analyzer", kind: "analyzer", label: "Analyzer" },
  { key: "prompt", kind: "prompt", label: "Prompt" },
  { key: "biasPolicy", kind: "bias-policy", label: "Bias policy" },
];
const select = "h-9 w-full rounded-md border bg-background px-2 text-sm";

/**
 * Bundles versions into a new release. Every part left on "as in the base release" is taken from
 * the base (production unless another is chosen); the server refuses a missing or archived
 * version, naming the field.
 */
export function CreateReleaseForm({
  releases,
  onDone,
  onCancel,
}: {
  releases: Release[];
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshReleases();
  const models = useQuery(trpc.registry.models.queryOptions());
  const indexes = useQuery(trpc.index.versions.queryOptions());
  const [version, setVersion] = useState("");
  const [from, setFrom] = useState("");
  const [parts, setParts] = useState<Record<PartKey | "index", string>>({
    embedder: "",
    analyzer: "",
    prompt: "",
    biasPolicy: "",
    index: "",
  });
  const [changelog, setChangelog] = useState("");
  const create = useMutation(
    trpc.releases.create.mutationOptions({
      onSuccess: (row) => {
        void refresh();
        onDone(`Created release ${row.version}. Check its gates, then promote it.`);
      },
    }),
  );
  const production = releases.find((release) => release.aliases.includes("production"));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    create.mutate({
      version: version.trim(),
      from: from || undefined,
      embedder: parts.embedder || undefined,
      analyzer: parts.analyzer || undefined,
      prompt: parts.prompt || undefined,
      biasPolicy: parts.biasPolicy || undefined,
      index: parts.index || undefined,
      changelog: changelog.trim(),
    });
  };
  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || create.isPending) return;
    event.preventDefault();
    onCancel();
  };

  return (
    <form aria-label="Create a release" onSubmit={submit} onKeyDown={cancelOnEscape} className="flex flex-col gap-3">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field label="Version">
          {(id) => (
            <Input id={id} autoFocus value={version} onChange={(e) => setVersion(e.target.value)} placeholder="1.1.0" />
          )}
        </Field>
        <Field label="Based on">
          {(id) => (
            <select id={id} value={from} onChange={(e) => setFrom(e.target.value)} className={select}>
              <option value="">
                production{production ? ` (${production.version})` : " (none yet: name every part)"}
              </option>
              {releases.map((release) => (
                <option key={release.version} value={release.version}>
                  {release.version}
                </option>
              ))}
            </select>
          )}
        </Field>
        {PARTS.map((part) => (
          <Field key={part.key} label={part.label}>
            {(id) => (
              <select
                id={id}
                value={parts[part.key]}
                onChange={(e) => setParts((current) => ({ ...current, [part.key]: e.target.value }))}
                className={select}
              >
                <option value="">as in the base release</option>
                {(models.data ?? [])
                  .filter((model) => model.kind === part.kind)
                  .flatMap((model) =>
                    [...model.versions]
                      .reverse()
                      .filter((v) => !v.archivedAt)
                      .map((v) => `${model.name}@${v.version}`),
                  )
                  .map((ref) => (
                    <option key={ref} value={ref}>
                      {ref}
                    </option>
                  ))}
              </select>
            )}
          </Field>
        ))}
        <Field label="Index">
          {(id) => (
            <select
              id={id}
              value={parts.index}
              onChange={(e) => setParts((current) => ({ ...current, index: e.target.value }))}
              className={select}
            >
              <option value="">as in the base release</option>
              {(indexes.data ?? []).map((row) => (
                <option key={row.version} value={row.version}>
                  {row.version.slice(0, 12)} ({row.kind}
                  {row.recall === null ? ", not validated" : `, recall ${row.recall.toFixed(3)}`})
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label="Changelog">
        {(id) => (
          <Input
            id={id}
            value={changelog}
            onChange={(e) => setChangelog(e.target.value)}
            placeholder="What changes for borrowers, and why"
          />
        )}
      </Field>
      {models.error || indexes.error ? (
        <Alert tone="error">
          Could not load the versions to choose from: {(models.error ?? indexes.error)?.message}
        </Alert>
      ) : null}
      {create.error ? <Alert tone="error">{create.error.message}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create release"}
        </Button>
        <Button type="button" variant="ghost" disabled={create.isPending} onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
