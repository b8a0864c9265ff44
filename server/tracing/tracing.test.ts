import { afterEach, describe, expect, it } from "vitest";
import { requestIdFrom } from "../request-context";
import { shutdownTracing, startTracing, withSpan, withSpanRecorder } from ".";

/** The request's recorded timeline and the request id rule, without a database or a collector. */

afterEach(shutdownTracing);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the span recorder", () => {
  it("keeps each span's parent, start offset, duration, status, recorded attributes and events", async () => {
    const spans = await withSpanRecorder(async (recorder) => {
      await withSpan("request", {}, async () => {
        await withSpan("first", { record: { k: 5 }, attributes: { "exported.only": "x" } }, async (span) => {
          await pause(5);
          span.addEvent("midway");
          span.setAttributes({ n: 2 });
        });
        await withSpan("second", {}, () => withSpan("inner", {}, () => pause(2)));
        await expect(withSpan("failing", {}, () => Promise.reject(new Error("no")))).rejects.toThrow("no");
        // Work of the process that this request set off is not part of the request.
        await withSpan("detached", { root: true }, () => pause(1));
      });
      return recorder.snapshot();
    });

    expect(spans.map(({ name, parent, status }) => ({ name, parent, status }))).toEqual([
      { name: "request", parent: null, status: "ok" },
      { name: "first", parent: 0, status: "ok" },
      { name: "second", parent: 0, status: "ok" },
      { name: "inner", parent: 2, status: "ok" },
      { name: "failing", parent: 0, status: "error" },
    ]);
    const [request, first, second, inner] = spans;
    expect(first!.attributes).toEqual({ k: 5, n: 2 });
    expect(first!.durationMs).toBeGreaterThanOrEqual(4);
    expect(first!.events).toEqual([{ name: "midway", atMs: expect.any(Number) }]);
    expect(first!.events![0]!.atMs).toBeGreaterThanOrEqual(first!.startMs + 4);
    expect(second!.startMs).toBeGreaterThanOrEqual(first!.startMs + first!.durationMs);
    expect(inner!.startMs).toBeGreaterThanOrEqual(second!.startMs);
    expect(request!.durationMs).toBeGreaterThanOrEqual(second!.startMs + second!.durationMs - request!.startMs);
  });

  it("ends spans still open at the snapshot (the request itself, while it is stored)", async () => {
    const spans = await withSpanRecorder((recorder) =>
      withSpan("request", {}, async () => {
        await pause(3);
        return recorder.snapshot();
      }),
    );
    expect(spans).toHaveLength(1);
    expect(spans[0]!.durationMs).toBeGreaterThanOrEqual(2);
  });

  it("records nothing outside a recorder, and spans still run", async () => {
    expect(await withSpan("alone", {}, async () => 42)).toBe(42);
  });
});

describe("trace ids", () => {
  it("are absent when tracing is not set up, and present (not exported) when it is off", async () => {
    expect(await withSpan("no provider", {}, async (span) => span.traceId)).toBeUndefined();
    expect(startTracing("apfa-test", { tracesUrl: null })).toBe(false);
    const [outer, inner] = await withSpan("outer", {}, async (span) => [
      span.traceId,
      await withSpan("inner", {}, async (child) => child.traceId),
    ]);
    expect(outer).toMatch(/^[0-9a-f]{32}$/);
    expect(inner).toBe(outer);
  });
});

describe("requestIdFrom", () => {
  const headers = (value?: string) => new Headers(value === undefined ? {} : { "x-request-id": value });
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it("keeps a caller's sane id", () => {
    for (const id of ["abc", "req-42", "a.b:c_d-e", "x".repeat(128), "  padded  "]) {
      expect(requestIdFrom(headers(id))).toBe(id.trim());
    }
  });

  it("makes one when the caller sent none, or one that is not a sane token", () => {
    for (const id of [undefined, "", "two words", "x".repeat(129), "a;b", "tab\there", "é"]) {
      expect(requestIdFrom(headers(id))).toMatch(UUID);
    }
  });
});
