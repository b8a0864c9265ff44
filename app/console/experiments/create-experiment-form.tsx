"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent, type KeyboardEvent } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Field } from "@/components/console/field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FieldError } from "./field-error";
import { fieldErrorsOf } from "./field-errors";
import { metricLabel } from "./format";
import { useRefreshExperiments } from "./use-refresh-experiments";

const select = "h-9 w-full rounded-md border bg-background px-2 text-sm aria-invalid:border-destructive";
const METRICS = ["satisfaction", "thumbs_up_rate", "latency", "bias_flag_rate", "error_rate"] as const;
/** The rates the results check one-sided against control (server/advice/experiment-results.ts). */
const GUARDRAILS = ["bias_flag_rate", "error_rate"] as const;
type Metric = (typeof METRICS)[number];

interface VariantRow {
  release: string;
  weight: string;
}

/** Equal shares, written to 4 places (they add up to 1 within the server's ±0.01). */
const equalWeights = (rows: VariantRow[]) =>
  rows.map((row) => ({ ...row, weight: String(Math.round(10_000 / rows.length) / 10_000) }));

/** A number the person typed, or undefined when it is none (the field then says so). */
const numberOf = (text: string) => (text.trim() === "" || !Number.isFinite(Number(text)) ? undefined : Number(text));

/**
 * A new draft experiment between existing releases, control first. The server checks everything
 * (weights of the wrong count or sum, coverage outside [0, 1], a missing release, a key in use)
 * and each refusal is shown beside its field; here only "is this a number" is checked first.
 */
export function CreateExperimentForm({ onDone, onCancel }: { onDone: (key: string) => void; onCancel: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshExperiments();
  const releases = useQuery(trpc.releases.list.queryOptions());
  const production = releases.data?.find((release) => release.aliases.includes("production"))?.version ?? "";
  const [key, setKey] = useState("");
  const [hypothesis, setHypothesis] = useState("");
  const [variants, setVariants] = useState<VariantRow[] | null>(null);
  const [coverage, setCoverage] = useState("1");
  const [hashVersion, setHashVersion] = useState<1 | 2>(2);
  const [primaryMetric, setPrimaryMetric] = useState<Metric>("satisfaction");
  const [guardrails, setGuardrails] = useState<string[]>(["bias_flag_rate"]);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  // Control starts on production, once the releases are in.
  const rows = variants ?? [
    { release: production, weight: "0.5" },
    { release: "", weight: "0.5" },
  ];
  const create = useMutation(
    trpc.experiments.create.mutationOptions({
      onSuccess: (row) => {
        void refresh();
        onDone(row.key);
      },
    }),
  );
  const errors = Object.keys(localErrors).length > 0 ? localErrors : fieldErrorsOf(create.error);
  const choices = (releases.data ?? []).filter((release) => !release.archived);
  // Whatever the form has no place for (or a whole-form error) is said under the form.
  const elsewhere = Object.entries(errors).filter(
    ([field]) => !/^(key|hypothesis|variants|weights|coverage|guardrails)(\.\d+)?$/.test(field),
  );

  const setRow = (index: number, change: Partial<VariantRow>) =>
    setVariants(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    const local: Record<string, string> = {};
    rows.forEach((row, i) => {
      if (!row.release) local[`variants.${i}`] = "choose a release";
    });
    const weights = rows.map((row, i) => {
      const weight = numberOf(row.weight);
      if (weight === undefined) local[`weights.${i}`] = "must be a number from 0 to 1";
      return weight ?? 0;
    });
    const coverageValue = numberOf(coverage);
    if (coverageValue === undefined) local.coverage = "must be a number from 0 to 1";
    setLocalErrors(local);
    if (Object.keys(local).length > 0) return;
    create.reset();
    create.mutate({
      key: key.trim(),
      hypothesis: hypothesis.trim(),
      variants: rows.map((row) => row.release),
      weights,
      coverage: coverageValue,
      hashVersion,
      primaryMetric,
      guardrails: guardrails as Metric[],
    });
  };
  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || create.isPending) return;
    event.preventDefault();
    onCancel();
  };
  const invalid = (field: string, id: string) =>
    errors[field] ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {};

  return (
    <form
      aria-label="Create an experiment"
      onSubmit={submit}
      onKeyDown={cancelOnEscape}
      className="flex flex-col gap-3"
      noValidate
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field label="Key">
          {(id) => (
            <>
              <Input
                id={id}
                autoFocus
                value={key}
                onChange={(e) => setKey(e.target.value)}
                placeholder="shorter-prompt"
                {...invalid("key", id)}
              />
              <FieldError id={`${id}-error`} message={errors.key} />
            </>
          )}
        </Field>
        <Field label="Primary metric">
          {(id) => (
            <select
              id={id}
              value={primaryMetric}
              onChange={(e) => setPrimaryMetric(e.target.value as Metric)}
              className={select}
            >
              {METRICS.map((metric) => (
                <option key={metric} value={metric}>
                  {metricLabel(metric)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label="Hypothesis">
        {(id) => (
          <>
            <textarea
              id={id}
              value={hypothesis}
              rows={2}
              maxLength={2_000}
              onChange={(e) => setHypothesis(e.target.value)}
              placeholder="What you expect to change, and why"
              className="rounded-md border bg-background p-2 text-sm aria-invalid:border-destructive"
              {...invalid("hypothesis", id)}
            />
            <FieldError id={`${id}-error`} message={errors.hypothesis} />
          </>
        )}
      </Field>
      <fieldset
        className="flex flex-col gap-2"
        aria-describedby={errors.variants || errors.weights ? "variants-error" : undefined}
      >
        <legend className="mb-1 text-sm font-medium">
          Variants (the first is control; weights are shares of traffic)
        </legend>
        {rows.map((row, i) => (
          <div
            key={i}
            className="grid grid-cols-[minmax(0,1fr)_auto] items-start gap-2 sm:grid-cols-[minmax(0,1fr)_7rem_auto]"
            data-testid={`variant-${i}`}
          >
            {/* On a phone the release takes the whole row; its weight and Remove go under it. */}
            <div className="col-span-2 sm:col-span-1">
              <Field label={i === 0 ? "Control release" : `Variant ${i} release`}>
                {(id) => (
                  <>
                    <select
                      id={id}
                      value={row.release}
                      onChange={(e) => setRow(i, { release: e.target.value })}
                      className={select}
                      {...invalid(`variants.${i}`, id)}
                    >
                      <option value="">choose a release</option>
                      {choices.map((release) => (
                        <option key={release.version} value={release.version}>
                          {release.version}
                          {release.aliases.length ? ` (${release.aliases.join(", ")})` : ""}
                        </option>
                      ))}
                    </select>
                    <FieldError id={`${id}-error`} message={errors[`variants.${i}`]} />
                  </>
                )}
              </Field>
            </div>
            <Field label={i === 0 ? "Control weight" : `Variant ${i} weight`}>
              {(id) => (
                <>
                  <Input
                    id={id}
                    inputMode="decimal"
                    value={row.weight}
                    onChange={(e) => setRow(i, { weight: e.target.value })}
                    {...invalid(`weights.${i}`, id)}
                  />
                  <FieldError id={`${id}-error`} message={errors[`weights.${i}`]} />
                </>
              )}
            </Field>
            <Button
              type="button"
              variant="ghost"
              size="sm"
              className="mt-5"
              disabled={rows.length <= 2}
              aria-label={`Remove variant ${i}`}
              onClick={() => setVariants(equalWeights(rows.filter((_, j) => j !== i)))}
            >
              Remove
            </Button>
          </div>
        ))}
        <div id="variants-error">
          <FieldError id="variants-list-error" message={errors.variants} />
          <FieldError id="weights-error" message={errors.weights && `Weights ${errors.weights}`} />
        </div>
        <Button
          type="button"
          variant="outline"
          size="sm"
          className="self-start"
          disabled={rows.length >= 10}
          onClick={() => setVariants(equalWeights([...rows, { release: "", weight: "" }]))}
        >
          Add a variant
        </Button>
      </fieldset>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field label="Coverage (share of users in the experiment, 0 to 1)">
          {(id) => (
            <>
              <Input
                id={id}
                inputMode="decimal"
                value={coverage}
                onChange={(e) => setCoverage(e.target.value)}
                {...invalid("coverage", id)}
              />
              <FieldError id={`${id}-error`} message={errors.coverage} />
            </>
          )}
        </Field>
        <Field label="Hash version">
          {(id) => (
            <select
              id={id}
              value={hashVersion}
              onChange={(e) => setHashVersion(Number(e.target.value) as 1 | 2)}
              className={select}
            >
              <option value={2}>2 (GrowthBook&apos;s default)</option>
              <option value={1}>1</option>
            </select>
          )}
        </Field>
      </div>
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 text-sm font-medium">
          Guardrails (a treatment significantly above control stops the experiment)
        </legend>
        {GUARDRAILS.map((metric) => (
          <label key={metric} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={guardrails.includes(metric)}
              onChange={(e) =>
                setGuardrails((current) =>
                  e.target.checked ? [...current, metric] : current.filter((name) => name !== metric),
                )
              }
            />
            {metricLabel(metric)}
          </label>
        ))}
        <FieldError id="guardrails-error" message={errors.guardrails} />
      </fieldset>
      {releases.error ? (
        <Alert tone="error">Could not load the releases to choose from: {releases.error.message}</Alert>
      ) : null}
      {elsewhere.length > 0 ? (
        <Alert tone="error">
          {elsewhere.map(([field, message]) => (field === "body" ? message : `${field}: ${message}`)).join("; ")}
        </Alert>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create experiment"}
        </Button>
        <Button type="button" variant="ghost" disabled={create.isPending} onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
