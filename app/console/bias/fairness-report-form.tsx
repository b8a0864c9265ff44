"use client";

import { useState, type FormEvent } from "react";
import type { FairnessReport } from "@/server/fairness";
import { Field } from "@/components/console/field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { sampleCsv, type CsvSample } from "./csv-sample";
import { FairnessReportResults } from "./fairness-report-results";

const select = "h-9 w-full rounded-md border bg-background px-2 text-sm";

type Choices = { group: string; privileged: string; label: string; prediction: string; favorable: string };
const NONE: Choices = { group: "", privileged: "", label: "", prediction: "", favorable: "" };

/**
 * Upload a CSV of decisions, name its columns and values, and see the group fairness report
 * (POST /api/fairness-report, the same streamed report as the CLI's fairness-report).
 */
export function FairnessReportForm() {
  const [file, setFile] = useState<File | null>(null);
  const [sample, setSample] = useState<CsvSample | null>(null);
  const [choices, setChoices] = useState<Choices>(NONE);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<FairnessReport | null>(null);

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setSample(null);
    setReport(null);
    setError(null);
    setChoices(NONE);
    if (!chosen) return;
    try {
      setSample(await sampleCsv(chosen));
    } catch (e) {
      setError(`Cannot read the file's header: ${(e as Error).message}`);
    }
  };

  const set = (key: keyof Choices) => (value: string) => setChoices((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setError("Choose a CSV file first.");
    const missing = (Object.keys(choices) as (keyof Choices)[]).filter((key) => choices[key].trim() === "");
    if (missing.length > 0) return setError(`Choose the ${missing.join(", ")} first.`);
    setError(null);
    setRunning(true);
    setReport(null);
    try {
      const response = await fetch(`/api/fairness-report?${new URLSearchParams(choices)}`, {
        method: "POST",
        body: file,
        headers: { "content-type": "text/csv" },
      });
      const body = (await response.json()) as FairnessReport | { error: { message: string } };
      if (!response.ok || "error" in body)
        setError("error" in body ? body.error.message : `The report failed (HTTP ${response.status}).`);
      else setReport(body);
    } catch (e) {
      setError(`The upload failed: ${(e as Error).message}`);
    } finally {
      setRunning(false);
    }
  };

  const columns = sample?.columns ?? [];
  const columnSelect = (key: "group" | "label" | "prediction", label: string) => (
    <Field label={label}>
      {(id) => (
        <select id={id} value={choices[key]} onChange={(e) => set(key)(e.target.value)} className={select}>
          <option value="">choose a column</option>
          {columns.map((column) => (
            <option key={column} value={column}>
              {column}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const valueInput = (key: "privileged" | "favorable", label: string, from: string[]) => (
    <Field label={label}>
      {(id) => (
        <>
          <Input id={id} list={`${id}-values`} value={choices[key]} onChange={(e) => set(key)(e.target.value)} />
          <datalist id={`${id}-values`}>
            {from.map((value) => (
              <option key={value} value={value} />
            ))}
          </datalist>
        </>
      )}
    </Field>
  );
  const outcomeValues = [
    ...new Set([...(sample?.values[choices.label] ?? []), ...(sample?.values[choices.prediction] ?? [])]),
  ];

  return (
    <Card aria-labelledby="fairness-report-title">
      <CardHeader>
        <CardTitle id="fairness-report-title">Fairness report</CardTitle>
        <CardDescription>
          Upload a CSV of decisions (a header, then one row per applicant) to see AIF360&apos;s and Fairlearn&apos;s
          group fairness metrics with bootstrap intervals. Every group value other than the privileged one counts as
          unprivileged. Up to 50 MB; the same report as <code>npm run cli -- fairness-report</code>.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <form aria-label="Fairness report" onSubmit={submit} className="flex flex-col gap-3">
          <Field label="CSV file">
            {(id) => (
              <Input
                id={id}
                type="file"
                accept=".csv,text/csv"
                onChange={(e) => void choose(e.target.files?.[0] ?? null)}
              />
            )}
          </Field>
          {sample ? (
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
              {columnSelect("group", "Group column")}
              {valueInput("privileged", "Privileged value", sample.values[choices.group] ?? [])}
              {columnSelect("label", "Label column")}
              {columnSelect("prediction", "Prediction column")}
              {valueInput("favorable", "Favorable value", outcomeValues)}
            </div>
          ) : null}
          <div>
            <Button type="submit" size="sm" disabled={!sample || running}>
              {running ? "Computing…" : "Compute report"}
            </Button>
          </div>
          {error ? <Alert tone="error">{error}</Alert> : null}
        </form>
        {report ? <FairnessReportResults report={report} /> : null}
      </CardContent>
    </Card>
  );
}
