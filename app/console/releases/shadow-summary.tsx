import { formatDate, formatNumber } from "@/components/console/format";
import { Badge } from "@/components/ui/badge";
import type { ShadowReplay } from "./types";

/** What the latest shadow replay of this exact composition found, compared with production. */
export function ShadowSummary({ shadow }: { shadow: ShadowReplay | null }) {
  if (!shadow) {
    return (
      <p className="text-sm text-muted-foreground" data-testid="shadow-replay" data-status="none">
        No shadow replay of this composition yet.
      </p>
    );
  }
  const summary = shadow.summary;
  const tone =
    shadow.status === "passed" ? "good" : shadow.status === "failed" || shadow.status === "error" ? "bad" : "warn";
  return (
    <div className="flex flex-col gap-1 text-sm" data-testid="shadow-replay" data-status={shadow.status}>
      <p className="flex flex-wrap items-center gap-2">
        <Badge tone={tone}>{shadow.status}</Badge>
        <span>
          Replay #{shadow.id} of {formatNumber(shadow.questions)} questions, requested by {shadow.requestedBy} on{" "}
          {formatDate(shadow.createdAt)}
          {shadow.finishedAt ? `, finished ${formatDate(shadow.finishedAt)}` : ""}
        </span>
      </p>
      {shadow.error ? <p className="text-red-800">{shadow.error}</p> : null}
      {summary ? (
        <dl className="grid grid-cols-[minmax(0,14rem)_minmax(0,1fr)] gap-x-3 gap-y-0.5" data-testid="shadow-summary">
          <dt className="text-muted-foreground">Compared with</dt>
          <dd>
            release <code>{summary.baseline}</code> on {formatNumber(summary.questions)} questions
          </dd>
          <dt className="text-muted-foreground">Mean top-5 overlap</dt>
          <dd data-testid="shadow-overlap">
            {summary.meanTop5Overlap.toFixed(3)} (policy ≥ {summary.policy.minMeanTop5Overlap})
          </dd>
          <dt className="text-muted-foreground">Bias flags gained / lost</dt>
          <dd>
            {summary.biasFlagsGained} / {summary.biasFlagsLost} (policy ≤ {summary.policy.maxNewBiasFlags} new)
          </dd>
          <dt className="text-muted-foreground">Advice length (chars)</dt>
          <dd>
            {formatNumber(summary.meanAdviceChars.baseline)} → {formatNumber(summary.meanAdviceChars.candidate)}
          </dd>
          <dt className="text-muted-foreground">Latency p50 / p95</dt>
          <dd>
            {formatNumber(summary.latencyMs.baselineP50)} / {formatNumber(summary.latencyMs.baselineP95)} ms →{" "}
            {formatNumber(summary.latencyMs.candidateP50)} / {formatNumber(summary.latencyMs.candidateP95)} ms
          </dd>
          <dt className="text-muted-foreground">Failed answers</dt>
          <dd>{formatNumber(summary.errors)}</dd>
          {summary.reasons.length ? (
            <>
              <dt className="text-muted-foreground">Verdict</dt>
              <dd>{summary.reasons.join("; ")}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
    </div>
  );
}
