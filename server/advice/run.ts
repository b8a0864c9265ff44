import { randomUUID } from "node:crypto";
import { runAdviceGraph, type AdviceStateType, type AdviceVersions, type AgentEvent } from "../agent";
import type { BiasResult } from "../bias";
import type { AdviceStatus } from "./tables";
import { knownFailure } from "../outage";
import { labelAdvice, type AdviceLabel } from "../fairness";
import { logger } from "../logger";
import { observeAdvice } from "../metrics";
import type { RetrievedProfile } from "../rag";
import { isAdverse, reasonsTrail, type AdviceReasons, type CitedStatement, type ReasonsTrail } from "../reasons";
import { addRequestContext, currentRequestContext, withRequestContext } from "../request-context";
import { decideServing, type ServingDecision } from "../serving";
import { ATTR, withSpan, withSpanRecorder, type SpanHandle, type SpanRecorder } from "../tracing";
import { markAdviceStopped, storeAdviceRecord, type AdviceRecord } from "./record-writer";

export interface AdviceRequest {
  question: string;
  channel: "chat" | "api";
  userId?: string;
  partnerId?: string;
  externalUserId?: string;
  conversationId?: string;
  /** The HTTP request's id (x-request-id); one is made when the caller has none. */
  requestId?: string;
}

/** What a caller is sent: the graph's events but its internal `statement`, then done or error. */
export type AdviceEvent =
  | Exclude<AgentEvent, { type: "statement" }>
  | {
      type: "done";
      adviceId: string;
      conversationId: string;
      latencyMs: number;
      release: string;
      versions: Partial<AdviceVersions>;
      /** Why this advice: the trail as stored, and whether the advice is adverse. */
      reasons: AdviceReasons;
    }
  | { type: "error"; adviceId: string; message: string };

export interface AdviceResult {
  adviceId: string;
  conversationId: string;
  status: AdviceStatus;
  advice: string;
  sources: RetrievedProfile[];
  bias: BiasResult | null;
  /** What the advice recommends and the amounts and rates it quotes (server/fairness/labels). */
  label: AdviceLabel;
  /** Which retrieved profiles and fields each statement relied on (of what was sent, when stopped). */
  reasons: ReasonsTrail;
  /** The release that answered (null only when no release could be decided: nothing was served). */
  release: string | null;
  /** The experiment and arm (0 = control) that chose the release; null outside experiments. */
  experiment: { key: string; variant: number } | null;
  versions: Partial<AdviceVersions>;
  latencyMs: number;
  error?: string;
}

const log = logger.child("advice");

/** A record as it may be logged: the question's length instead of its text, no timeline. */
function loggable({ query, spans: _spans, ...record }: AdviceRecord) {
  return { ...record, questionChars: query.length };
}

/** What a user may read about a failure: our own messages, never a stack or an internal detail. */
function publicMessage(error: unknown): string {
  const known = knownFailure(error);
  if (known) return known.message;
  return "The advisor failed while answering; the request was logged. Please try again.";
}

type RunOptions = { signal?: AbortSignal; onEvent?: (event: AdviceEvent) => void };

/**
 * Runs the advisory graph for one question, relaying its events as they happen, and stores the
 * request whatever the outcome: success, failure mid-stream, or the client going away. Which
 * release answers is decided once, here, and every engine the graph uses comes from that decision.
 * The request is one span (`advice.request`) over serving's decision, the graph's nodes and their
 * children; the same spans are stored with the request for the console's trace view.
 */
export async function runAdvice(request: AdviceRequest, options: RunOptions = {}): Promise<AdviceResult> {
  const adviceId = randomUUID();
  const requestId = request.requestId ?? currentRequestContext()?.requestId ?? randomUUID();
  const who = { requestId, userId: request.userId, partnerId: request.partnerId };
  return withRequestContext(who, () =>
    withSpanRecorder((recorder) =>
      withSpan(
        "advice.request",
        { attributes: { [ATTR.adviceId]: adviceId, [ATTR.channel]: request.channel } },
        (span) => answerAndStore(request, options, { adviceId, requestId, span, recorder }),
      ),
    ),
  );
}

async function answerAndStore(
  request: AdviceRequest,
  options: RunOptions,
  run: { adviceId: string; requestId: string; span: SpanHandle; recorder: SpanRecorder },
): Promise<AdviceResult> {
  const { adviceId, span } = run;
  const conversationId = request.conversationId ?? randomUUID();
  const started = performance.now();
  // The last full state the graph reported, and the advice streamed so far (kept if it fails mid-way).
  let state: Partial<AdviceStateType> = {};
  let partialAdvice = "";
  // What a citing analyzer wrote each statement from, for the trail of an answer that stops early.
  const generated: CitedStatement[] = [];
  let status: AdviceStatus = "ok";
  let error: string | undefined;
  let publicError: string | undefined;

  let decision: ServingDecision | undefined;
  try {
    decision = await withSpan("serving.decide", {}, () =>
      decideServing({ userId: request.userId ?? request.externalUserId, channel: request.channel }),
    );
    // From here on every span and log line of the request names what answers it.
    const answeredBy = { release: decision.release, experiment: decision.experiment, variant: decision.variant };
    addRequestContext(answeredBy);
    span.setAttributes({
      [ATTR.release]: decision.release,
      ...(decision.experiment !== undefined
        ? { [ATTR.experiment]: decision.experiment, [ATTR.variant]: decision.variant ?? 0 }
        : {}),
    });
    const stream = await runAdviceGraph({ question: request.question, k: 5 }, decision.engines, {
      signal: options.signal,
    });
    for await (const [mode, chunk] of stream as AsyncIterable<[string, unknown]>) {
      if (mode === "values") {
        state = chunk as AdviceStateType;
        continue;
      }
      const event = chunk as AgentEvent;
      if (event.type === "statement") {
        generated.push(event.statement);
        continue;
      }
      if (event.type === "token") partialAdvice += event.text;
      options.onEvent?.(event);
    }
  } catch (caught) {
    if (options.signal?.aborted) {
      status = "cancelled";
      error = "the client stopped the request (or went away) before the advice was finished";
    } else {
      status = "error";
      error = caught instanceof Error ? caught.message : String(caught);
      publicError = publicMessage(caught);
      // Never the question: it is personal data, kept in the stored request only.
      log.error("advice request failed", { adviceId, channel: request.channel, error: caught });
      options.onEvent?.({ type: "error", adviceId, message: publicError });
    }
  } finally {
    decision?.done();
  }

  const latencyMs = Math.round(performance.now() - started);
  const advice = (state.advice ?? partialAdvice).trim();
  const sources = state.profiles ?? [];
  // The graph's trail when the analyzer finished; else the trail of what was sent, the same way.
  const reasons =
    state.reasons ??
    reasonsTrail({
      advice,
      question: request.question,
      profiles: sources,
      generated: decision?.engines.analyzer.cites ? generated : undefined,
    });
  const result: AdviceResult = {
    adviceId,
    conversationId,
    status,
    advice,
    label: labelAdvice(advice),
    reasons,
    sources,
    bias: state.bias ?? null,
    release: decision?.release ?? null,
    experiment:
      decision?.experiment !== undefined ? { key: decision.experiment, variant: decision.variant ?? 0 } : null,
    versions: decision?.versions ?? {},
    latencyMs,
    error: publicError ?? error,
  };
  const record: AdviceRecord = {
    id: adviceId,
    channel: request.channel,
    userId: request.userId ?? null,
    partnerId: request.partnerId ?? null,
    externalUserId: request.externalUserId ?? null,
    conversationId,
    query: request.question,
    status,
    advice: result.advice,
    sources: result.sources.map(({ id, score }) => ({ id, score })),
    biasScore: result.bias?.score ?? null,
    biasFlagged: result.bias?.flagged ?? null,
    biasReasons: result.bias?.reasons ?? [],
    recommendation: result.label.recommendation,
    quotedAmounts: result.label.amounts,
    quotedRates: result.label.rates,
    reasonsTrail: result.reasons,
    release: result.release,
    experiment: result.experiment?.key ?? null,
    variant: result.experiment?.variant ?? null,
    versions: result.versions,
    timings: { ...state.timings, totalMs: latencyMs },
    error: error ?? null,
    requestId: run.requestId,
    traceId: span.traceId ?? null,
    spans: run.recorder.snapshot(),
  };
  try {
    await storeAdviceRecord(record);
  } catch (caught) {
    // The borrower may have the answer, but an auditor would not: keep the record in the log, all
    // but the question (personal data, never logged) and the timeline.
    log.error("advice request could not be stored", { record: loggable(record), error: caught });
    if (result.status === "ok")
      options.onEvent?.({ type: "error", adviceId, message: "Your answer could not be saved; please try again." });
    result.status = "error";
    const outage = knownFailure(caught);
    result.error = outage ? `the advice could not be stored: ${outage.message}` : "the advice could not be stored";
  }
  // The graph notices a Stop only while it runs, and none can arrive between its end and the write
  // above. But with a fast analyzer the whole answer is written in milliseconds, and most of the
  // time the borrower's chat is still "streaming" is spent in that write, before `done`: a Stop
  // pressed then leaves the chat saying "Stopped.", so the record must not say the answer was given.
  if (result.status === "ok" && options.signal?.aborted) {
    result.status = "cancelled";
    result.error = "the client stopped the request after the advice was written, before it was delivered";
    try {
      await markAdviceStopped(adviceId, result.error);
    } catch (caught) {
      log.error("a stopped advice request could not be marked as stopped", { adviceId, error: caught });
    }
  }
  observeAdvice({
    channel: request.channel,
    status: result.status,
    seconds: latencyMs / 1000,
    biasScore: result.bias?.score,
    flagged: result.bias?.flagged,
    release: result.release,
    variant: result.experiment?.variant,
  });
  span.setAttributes({ [ATTR.status]: result.status });
  // One line per request (request id, caller, release and trace id come from its context).
  log.info("advice request finished", {
    adviceId,
    channel: request.channel,
    status: result.status,
    latencyMs,
    sources: result.sources.length,
    flagged: result.bias?.flagged ?? null,
  });
  if (result.status === "ok" && result.release) {
    options.onEvent?.({
      type: "done",
      adviceId,
      conversationId,
      latencyMs,
      release: result.release,
      versions: result.versions,
      reasons: { trail: result.reasons, adverse: isAdverse(result.label.recommendation) },
    });
  }
  return result;
}
