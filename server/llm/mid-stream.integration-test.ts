import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectConsoleError } from "@/test/console";
import { indexWith } from "@/test/index-fixture";
import { runAdvice, type AdviceEvent } from "../advice";
import { getDb } from "../db";
import { adviceRequests } from "../advice";
import { loadProduction } from "../serving";
import { moveProduction, registerOpenAiAnalyzer, testRelease } from "@/test/releases";

/**
 * An OpenAI-compatible server (a stand-in for vLLM/Ollama) that sends two tokens and then drops
 * the connection: the chat stream must end with an error event and the request record must say
 * what happened, keeping the advice streamed so far. It serves as the analyzer of a release put in
 * production for this file.
 */
let server: http.Server;
let baseUrl = "";
let release = "";
let analyzerRef = "";
let previous = "";

beforeAll(async () => {
  await indexWith();
  server = http.createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/event-stream" });
    for (const text of ["Of the 5 most similar", " past loans,"]) {
      response.write(`data: ${JSON.stringify({ choices: [{ delta: { content: text } }] })}\n\n`);
    }
    setTimeout(() => response.socket?.destroy(), 20);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  analyzerRef = await registerOpenAiAnalyzer(baseUrl);
  release = await testRelease({ analyzer: analyzerRef });
  previous = await moveProduction(release);
  await loadProduction();
});

afterAll(async () => {
  await moveProduction(previous);
  await loadProduction();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("an analyzer failing mid-stream", () => {
  it("ends the stream with an error event and records the failure with the partial advice", async () => {
    const events: AdviceEvent[] = [];
    const { result } = await expectConsoleError(/advice request failed/, () =>
      runAdvice(
        {
          question: "Should I borrow $8,000 over 36 months?",
          channel: "api",
          externalUserId: `mid-stream-${randomUUID()}`,
        },
        { onEvent: (event) => events.push(event) },
      ),
    );

    expect(result.status).toBe("error");
    expect(events.map((e) => e.type)).toEqual(["sources", "token", "token", "error"]);
    expect(events.at(-1)).toMatchObject({ type: "error", message: expect.stringContaining("failed while answering") });
    const [row] = await getDb().select().from(adviceRequests).where(eq(adviceRequests.id, result.adviceId));
    expect(row).toMatchObject({ status: "error", advice: "Of the 5 most similar past loans," });
    expect(row?.error).toBeTruthy();
    expect(row).toMatchObject({ release });
    expect(row?.versions).toMatchObject({ analyzer: analyzerRef, index: expect.any(String) });
  });
});
