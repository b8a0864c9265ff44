import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { indexWith } from "@/test/index-fixture";
import { uniqueLoan } from "@/test/loans";
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from "@/test/otlp-receiver";
import { users } from "../auth";
import { getDb } from "../db";
import { aliasedRelease, PRODUCTION } from "../registry";
import { flushTracing, shutdownTracing, startTracing, traceHttpRequest } from "../tracing";
import { adviceRequests } from "./tables";
import { runAdvice } from ".";

/**
 * One advice request through the real path (serving's decision, the graph with the production
 * release's hash embedder, exact index and grounded analyzer, the record writer), its spans
 * exported by the real OTLP/HTTP exporter to a local endpoint that decodes what arrives.
 */

let receiver: OtlpReceiver;
let release: string;

beforeAll(async () => {
  await indexWith(Array.from({ length: 12 }, () => uniqueLoan()));
  release = (await aliasedRelease(PRODUCTION))!.version;
  receiver = await startOtlpReceiver();
});

afterEach(shutdownTracing);
afterAll(() => receiver.close());

async function borrower() {
  const [user] = await getDb()
    .insert(users)
    .values({ email: `tracing-${randomUUID()}@test.local`, name: "Traced Borrower", role: "borrower" })
    .returning();
  return user!;
}

/** The one span named `name` among `spans`. */
function only(spans: ReceivedSpan[], name: string): ReceivedSpan {
  const named = spans.filter((span) => span.name === name);
  expect(named, `spans named ${name}`).toHaveLength(1);
  return named[0]!;
}

/** The spans of the trace that exported the advice request `adviceId`. */
function traceOf(adviceId: string): ReceivedSpan[] {
  const request = receiver.spans.find(
    (span) => span.name === "advice.request" && span.attributes["apfa.advice_id"] === adviceId,
  );
  expect(request, `an exported advice.request span for ${adviceId}`).toBeDefined();
  return receiver.spans.filter((span) => span.traceId === request!.traceId);
}

describe("tracing an advice request", () => {
  it("exports the request as a tree: request → retriever → search, request → analyzer → llm, request → orchestrator", async () => {
    expect(startTracing("apfa-test", { tracesUrl: receiver.url })).toBe(true);
    const user = await borrower();
    const requestId = `test-${randomUUID()}`;
    const result = await runAdvice({
      question: "I rent and earn $52,000. Is a $9,000 loan over 36 months sensible?",
      channel: "chat",
      userId: user.id,
      requestId,
    });
    expect(result.status).toBe("ok");
    await flushTracing();

    expect(receiver.contentTypes.every((type) => type.startsWith("application/json"))).toBe(true);
    const spans = traceOf(result.adviceId);
    const request = only(spans, "advice.request");
    const decide = only(spans, "serving.decide");
    const retriever = only(spans, "agent.retriever");
    const embed = only(spans, "rag.embed");
    const search = only(spans, "index.search");
    const analyzer = only(spans, "agent.analyzer");
    const llm = only(spans, "llm.generate");
    const orchestrator = only(spans, "agent.orchestrator");

    // The tree, by parent span id.
    expect(request.parentSpanId).toBe("");
    for (const child of [decide, retriever, analyzer, orchestrator]) expect(child.parentSpanId).toBe(request.spanId);
    expect(embed.parentSpanId).toBe(retriever.spanId);
    expect(search.parentSpanId).toBe(retriever.spanId);
    expect(llm.parentSpanId).toBe(analyzer.spanId);

    // Every span of the request names its release and request id; the request also its advice id.
    for (const span of [request, retriever, search, analyzer, llm, orchestrator]) {
      expect(span.attributes, span.name).toMatchObject({ "apfa.release": release, "apfa.request_id": requestId });
      expect(span.resource["service.name"]).toBe("apfa-test");
    }
    expect(request.attributes).toMatchObject({ "apfa.advice_id": result.adviceId, "apfa.status": "ok" });
    // The LLM call: its model and its time to first token, as an attribute and as an event.
    expect(llm.attributes["gen_ai.request.model"]).toBe(result.versions.analyzer);
    expect(llm.attributes["apfa.llm.time_to_first_token_ms"]).toEqual(expect.any(Number));
    expect(llm.attributes["apfa.llm.time_to_first_token_ms"]).toBeLessThanOrEqual(llm.durationMs);
    expect(llm.events).toContain("first token");
    expect(search.attributes["apfa.index.version"]).toBe(result.versions.index);

    // The stored request names its trace and request id, and keeps the same tree for the console.
    const [row] = await getDb().select().from(adviceRequests).where(eq(adviceRequests.id, result.adviceId));
    expect(row).toMatchObject({ traceId: request.traceId, requestId });
    const stored = row!.spans!;
    const named = (name: string) => stored.findIndex((span) => span.name === name);
    expect(stored[named("advice.request")]!.parent).toBeNull();
    expect(stored[named("agent.retriever")]!.parent).toBe(named("advice.request"));
    expect(stored[named("index.search")]!.parent).toBe(named("agent.retriever"));
    expect(stored[named("agent.analyzer")]!.parent).toBe(named("advice.request"));
    expect(stored[named("llm.generate")]!.parent).toBe(named("agent.analyzer"));
    expect(stored[named("agent.orchestrator")]!.parent).toBe(named("advice.request"));
    // Children start within their parents, in the graph's order.
    const retrieverSpan = stored[named("agent.retriever")]!;
    const searchSpan = stored[named("index.search")]!;
    expect(searchSpan.startMs).toBeGreaterThanOrEqual(retrieverSpan.startMs);
    expect(searchSpan.startMs + searchSpan.durationMs).toBeLessThanOrEqual(
      retrieverSpan.startMs + retrieverSpan.durationMs + 0.02,
    );
    expect(stored[named("agent.analyzer")]!.startMs).toBeGreaterThanOrEqual(
      retrieverSpan.startMs + retrieverSpan.durationMs - 0.02,
    );
    expect(stored[named("llm.generate")]!.events?.map((event) => event.name)).toEqual(["first token"]);
  });

  it("continues a caller's traceparent, and answers with the caller's sane x-request-id", async () => {
    startTracing("apfa-test", { tracesUrl: receiver.url });
    const callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    const callerSpan = "00f067aa0ba902b7";
    const call = (requestId: string) =>
      traceHttpRequest(
        new Request("http://localhost/api/v1/advice", {
          method: "POST",
          headers: { traceparent: `00-${callerTrace}-${callerSpan}-01`, "x-request-id": requestId },
        }),
        "POST /api/v1/advice",
        async (scope) => {
          const result = await runAdvice({
            question: "Should I borrow $5,000 over 36 months?",
            channel: "api",
            externalUserId: "partner-user",
            requestId: scope.requestId,
          });
          return Response.json({ adviceId: result.adviceId });
        },
      );

    const response = await call("partner-req-0042");
    expect(response.headers.get("x-request-id")).toBe("partner-req-0042");
    const { adviceId } = (await response.json()) as { adviceId: string };
    // The request's span ends as its response is returned; give it the turn it ends in.
    await new Promise((resolve) => setImmediate(resolve));
    await flushTracing();

    const spans = traceOf(adviceId);
    const http = only(spans, "POST /api/v1/advice");
    expect(http).toMatchObject({ traceId: callerTrace, parentSpanId: callerSpan, kind: 2 /* SERVER */ });
    expect(http.attributes).toMatchObject({
      "http.request.method": "POST",
      "http.route": "/api/v1/advice",
      "http.response.status_code": 200,
      "apfa.request_id": "partner-req-0042",
    });
    expect(only(spans, "advice.request").parentSpanId).toBe(http.spanId);
    const [row] = await getDb().select().from(adviceRequests).where(eq(adviceRequests.id, adviceId));
    expect(row).toMatchObject({ requestId: "partner-req-0042", traceId: callerTrace });

    // An id that is not a sane token (spaces, too long) is replaced, never echoed.
    for (const insane of ["two words", "x".repeat(129), "semi;colon"]) {
      const replaced = (await call(insane)).headers.get("x-request-id");
      expect(replaced).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it("with no endpoint, exports nothing, and still stores the request's ids and timeline", async () => {
    expect(startTracing("apfa-test", { tracesUrl: null })).toBe(false);
    const before = receiver.spans.length;
    const result = await runAdvice({ question: "Is a 60 month term wise?", channel: "api", externalUserId: "off" });
    await flushTracing();
    expect(receiver.spans.length).toBe(before);
    const [row] = await getDb().select().from(adviceRequests).where(eq(adviceRequests.id, result.adviceId));
    // Trace ids still exist (log lines carry them; a caller's traceparent is still continued).
    expect(row?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(row?.requestId).toEqual(expect.any(String));
    expect(row?.spans?.map((span) => span.name)).toEqual(
      expect.arrayContaining(["advice.request", "agent.retriever", "index.search", "agent.analyzer", "llm.generate"]),
    );
  });
});
