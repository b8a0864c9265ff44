import {
  biasTrends,
  detectorEvaluation,
  evaluateBiasAlerts,
  MAX_TREND_DAYS,
  type DetectorEvaluation,
} from "@/server/advice";
import { acknowledgeBiasAlert, listBiasAlerts, type BiasAlert } from "@/server/bias";
import { cliActor } from "../actor";
import type { Command } from "../command";
import { UsageError } from "../command";

const USAGE = `npm run cli -- bias <action> [options]

  trends [--release <version>] [--days N] [--json]
                    bias score and flag rate per release per UTC day over the stored answers
                    (the last N days, today included; 30 by default). With --json prints
                    [{day, release, requests, meanScore, flagRate}].
  alerts [--evaluate] [--json]
                    bias alerts, newest first, acknowledged ones included; --evaluate first
                    evaluates the alert rules now, as the worker does every 15 minutes
  ack <id> --note TEXT
                    acknowledge an alert, saying why (the alert stays in the history)
  detector-eval [--release <version>] [--json]
                    the bias detector of a release (production's by default) on the shipped
                    labelled set; with --json prints {precision, recall, f1, tp, fp, fn, tn, n,
                    setVersion, policyVersion}`;

function parseDays(value: unknown): number {
  if (value === undefined) return 30;
  const days = Number(value);
  if (typeof value !== "string" || !/^\d+$/.test(value) || days < 1 || days > MAX_TREND_DAYS)
    throw new UsageError(`--days must be a whole number from 1 to ${MAX_TREND_DAYS}, not ${String(value)}`);
  return days;
}

async function trends(values: Record<string, unknown>): Promise<number> {
  const release = typeof values.release === "string" ? values.release : undefined;
  if (release === "") throw new UsageError("--release needs a version");
  const rows = await biasTrends({ release, days: parseDays(values.days) });
  if (values.json) console.log(JSON.stringify(rows, null, 2));
  else if (rows.length === 0) console.log("no scored answers in that period");
  else
    for (const row of rows)
      console.log(
        `${row.day}  ${row.release.padEnd(14)} ${String(row.requests).padStart(6)} answers  ` +
          `mean score ${row.meanScore.toFixed(3)}  flagged ${(row.flagRate * 100).toFixed(1)} %`,
      );
  return 0;
}

const alertJson = (a: BiasAlert) => ({
  id: a.id,
  kind: a.kind,
  release: a.modelVersion,
  window: a.window,
  metric: a.metric,
  value: a.value,
  threshold: a.threshold,
  message: a.message,
  createdAt: a.createdAt,
  acknowledgedAt: a.acknowledgedAt,
  acknowledgedBy: a.acknowledgedBy,
  acknowledgeNote: a.acknowledgeNote,
});

async function alerts(values: Record<string, unknown>): Promise<number> {
  if (values.evaluate) {
    const raised = await evaluateBiasAlerts();
    // --json prints the list only, so scripts can parse it.
    if (!values.json)
      console.log(`evaluated the alert rules: ${raised.length} new ${raised.length === 1 ? "alert" : "alerts"}`);
  }
  const rows = await listBiasAlerts();
  if (values.json) console.log(JSON.stringify(rows.map(alertJson), null, 2));
  else if (rows.length === 0) console.log("no bias alerts");
  else
    for (const a of rows)
      console.log(
        `${String(a.id).padStart(5)}  ${a.createdAt.toISOString()}  ${a.kind.padEnd(17)} ${a.modelVersion.padEnd(14)} ` +
          `${a.acknowledgedAt ? `acknowledged by ${a.acknowledgedBy}` : "OPEN"}\n       ${a.message}`,
      );
  return 0;
}

async function ack(id: string | undefined, values: Record<string, unknown>): Promise<number> {
  if (!id || !/^\d+$/.test(id)) throw new UsageError("bias ack needs an alert id (a number)");
  if (typeof values.note !== "string" || values.note.trim() === "")
    throw new UsageError("bias ack needs --note TEXT saying why");
  const row = await acknowledgeBiasAlert(Number(id), { actor: cliActor().email, note: values.note });
  console.log(`acknowledged bias alert ${row.id} (${row.kind} ${row.modelVersion})`);
  return 0;
}

const figure = (value: number | null) => (value === null ? "—" : value.toFixed(3));
const figures = (m: Pick<DetectorEvaluation, "precision" | "recall" | "f1" | "tp" | "fp" | "fn" | "tn">) =>
  `precision ${figure(m.precision)}  recall ${figure(m.recall)}  F1 ${figure(m.f1)}   ` +
  `tp ${m.tp}  fp ${m.fp}  fn ${m.fn}  tn ${m.tn}`;

async function detectorEval(values: Record<string, unknown>): Promise<number> {
  const release = typeof values.release === "string" ? values.release : undefined;
  if (release === "") throw new UsageError("--release needs a version");
  const e = await detectorEvaluation({ release });
  if (values.json) {
    const { precision, recall, f1, tp, fp, fn, tn, n, setVersion, policyVersion } = e;
    console.log(JSON.stringify({ precision, recall, f1, tp, fp, fn, tn, n, setVersion, policyVersion }, null, 2));
    return 0;
  }
  console.log(
    `detector ${e.detector} (${e.policyVersion} of release ${e.release}, threshold ${e.threshold}) ` +
      `on labelled set ${e.setVersion} (${e.n} answers)\n  ${figures(e)}\n` +
      `  held out, round ${e.heldOut.round} (${e.heldOut.n} answers): ${figures(e.heldOut)}\n` +
      `  missed: ${e.falseNegatives.join(" ") || "none"}\n  wrongly flagged: ${e.falsePositives.join(" ") || "none"}`,
  );
  return 0;
}

export const biasCommand: Command = {
  name: "bias",
  summary: "bias monitoring: trends by release and day, alerts, acknowledging them, the detector on labelled answers",
  usage: USAGE,
  options: {
    release: { type: "string" },
    days: { type: "string" },
    json: { type: "boolean" },
    evaluate: { type: "boolean" },
    note: { type: "string" },
  },
  async run({ positionals: [action, ...rest], values }) {
    if (values.evaluate && action !== "alerts") throw new UsageError("--evaluate goes with bias alerts");
    if (action === "ack") {
      if (rest.length > 1) throw new UsageError(`unexpected arguments: ${rest.slice(1).join(" ")}`);
      return ack(rest[0], values);
    }
    if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(" ")}`);
    switch (action) {
      case "trends":
        return trends(values);
      case "alerts":
        return alerts(values);
      case "detector-eval":
        return detectorEval(values);
      default:
        throw new UsageError(
          action ? `unknown bias command: ${action}` : "name a bias command (trends, alerts, ack, detector-eval)",
        );
    }
  },
};
