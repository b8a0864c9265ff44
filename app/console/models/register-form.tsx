"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent, type KeyboardEvent } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Field } from "@/components/console/field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { ModelKind, RegisterVersionInput } from "./types";
import { useRefreshRegistry } from "./use-refresh-registry";

type AnalyzerProvider = "grounded" | "openai";

const KIND_LABELS: Record<ModelKind, string> = {
  analyzer: "Analyzer",
  prompt: "Prompt",
  "bias-policy": "Bias policy",
  embedder: "Embedder (hashing)",
};

const field = "h-9 rounded-md border bg-background px-2 text-sm";

/**
 * Registers a version that needs no file on the server: an analyzer on the grounded writer or an
 * OpenAI-compatible server, the hashing embedder, a prompt or a bias policy pasted as text. The
 * server checks everything (semver, duplicates, that an OpenAI-compatible server answers) and
 * names the field it refuses.
 */
export function RegisterForm({ onDone, onCancel }: { onDone: (message: string) => void; onCancel: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshRegistry();
  const [kind, setKind] = useState<ModelKind>("analyzer");
  const [name, setName] = useState("");
  const [version, setVersion] = useState("");
  const [provider, setProvider] = useState<AnalyzerProvider>("openai");
  const [baseUrl, setBaseUrl] = useState("");
  const [model, setModel] = useState("");
  const [apiKeyEnv, setApiKeyEnv] = useState("");
  const [text, setText] = useState("");
  const [changelog, setChangelog] = useState("");
  const [trainingData, setTrainingData] = useState("");
  const [tags, setTags] = useState("");
  const register = useMutation(
    trpc.registry.register.mutationOptions({
      onSuccess: (row) => {
        void refresh();
        onDone(`Registered ${row.model}@${row.version}.`);
      },
    }),
  );

  const input = (): RegisterVersionInput => ({
    kind,
    name: name.trim(),
    version: version.trim(),
    provider:
      kind === "embedder"
        ? { kind: "hash" }
        : kind !== "analyzer"
          ? undefined
          : provider === "grounded"
            ? { kind: "grounded" }
            : {
                kind: "openai",
                baseUrl: baseUrl.trim(),
                model: model.trim(),
                apiKeyEnv: apiKeyEnv.trim() || undefined,
              },
    text: kind === "prompt" || kind === "bias-policy" ? text : undefined,
    changelog: changelog.trim() || undefined,
    trainingData: trainingData.trim() || undefined,
    tags: tags
      .split(",")
      .map((tag) => tag.trim())
      .filter(Boolean),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!register.isPending) register.mutate(input());
  };
  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || register.isPending) return;
    event.preventDefault();
    onCancel();
  };

  return (
    <form aria-label="Register a version" onSubmit={submit} onKeyDown={cancelOnEscape} className="flex flex-col gap-3">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Field label="Kind">
          {(id) => (
            <select
              id={id}
              autoFocus
              value={kind}
              onChange={(event) => setKind(event.target.value as ModelKind)}
              className={field}
            >
              {(Object.keys(KIND_LABELS) as ModelKind[]).map((value) => (
                <option key={value} value={value}>
                  {KIND_LABELS[value]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Name">
          {(id) => <Input id={id} value={name} onChange={(e) => setName(e.target.value)} placeholder="openai-qwen" />}
        </Field>
        <Field label="Version">
          {(id) => <Input id={id} value={version} onChange={(e) => setVersion(e.target.value)} placeholder="1.1.0" />}
        </Field>
      </div>
      {kind === "analyzer" ? (
        <fieldset className="flex flex-col gap-3">
          <legend className="mb-1 text-sm font-medium">Runs on</legend>
          <div className="flex flex-wrap gap-4 text-sm">
            {(
              [
                ["openai", "An OpenAI-compatible server"],
                ["grounded", "The grounded writer (no model)"],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="flex items-center gap-2">
                <input
                  type="radio"
                  name="analyzer-provider"
                  checked={provider === value}
                  onChange={() => setProvider(value)}
                />
                {label}
              </label>
            ))}
          </div>
          {provider === "openai" ? (
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
              <Field label="Base URL">
                {(id) => (
                  <Input
                    id={id}
                    value={baseUrl}
                    onChange={(e) => setBaseUrl(e.target.value)}
                    placeholder="http://localhost:8000/v1"
                  />
                )}
              </Field>
              <Field label="Model">
                {(id) => <Input id={id} value={model} onChange={(e) => setModel(e.target.value)} />}
              </Field>
              <Field label="API key variable (optional)">
                {(id) => (
                  <Input
                    id={id}
                    value={apiKeyEnv}
                    onChange={(e) => setApiKeyEnv(e.target.value)}
                    placeholder="OPENAI_API_KEY"
                  />
                )}
              </Field>
            </div>
          ) : null}
          <p className="text-xs text-muted-foreground">
            Only the variable&apos;s name is stored, never the key. A GGUF model is a file on the server: register it
            with <code>npm run cli -- registry register --kind analyzer --file PATH</code>.
          </p>
        </fieldset>
      ) : null}
      {kind === "prompt" || kind === "bias-policy" ? (
        <Field label={kind === "prompt" ? "Prompt text" : "Policy (JSON)"}>
          {(id) => (
            <textarea
              id={id}
              value={text}
              onChange={(event) => setText(event.target.value)}
              rows={6}
              placeholder={kind === "bias-policy" ? '{"threshold": 0.3, "weights": {…}}' : undefined}
              className="rounded-md border bg-background p-2 font-mono text-sm"
            />
          )}
        </Field>
      ) : null}
      {kind === "embedder" ? (
        <p className="text-sm text-muted-foreground">
          The hashing embedder needs no file; a MiniLM folder is registered with the CLI (
          <code>registry register --kind embedder --file DIR</code>).
        </p>
      ) : null}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Field label="Changelog">
          {(id) => <Input id={id} value={changelog} onChange={(e) => setChangelog(e.target.value)} />}
        </Field>
        <Field label="Training data">
          {(id) => <Input id={id} value={trainingData} onChange={(e) => setTrainingData(e.target.value)} />}
        </Field>
        <Field label="Tags (comma-separated)">
          {(id) => <Input id={id} value={tags} onChange={(e) => setTags(e.target.value)} />}
        </Field>
      </div>
      {register.error ? <Alert tone="error">{register.error.message}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={register.isPending}>
          {register.isPending ? "Registering…" : "Register version"}
        </Button>
        <Button type="button" variant="ghost" disabled={register.isPending} onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
