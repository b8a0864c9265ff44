import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { metricsRegistry } from "../metrics";
import type { RetrievedProfile } from "../rag";
import { createOpenAiAnalyzer, OpenAiStreamError } from "./openai";

/**
 * The client against a real HTTP server on 127.0.0.1 that speaks the OpenAI streaming protocol:
 * a stand-in for vLLM/Ollama/llama.cpp server. Each test sets how the server answers.
 */

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;

let server: http.Server;
let baseUrl: string;
let handler: Handler;
let requests: { url?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
let closedEarly: Promise<void>;
let markClosedEarly: () => void;

const event = (content: string, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", choices: [{ index: 0, delta: { content }, finish_reason: finish }] })}\n\n`;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      requests.push({ url: req.url, headers: req.headers, body });
      res.on("close", () => {
        if (!res.writableFinished) markClosedEarly();
      });
      handler(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  requests = [];
  closedEarly = new Promise((resolve) => (markClosedEarly = resolve));
});

const profiles: RetrievedProfile[] = [
  {
    id: 11,
    score: 0.93,
    text: "$8,000 loan over 36 months for a renter in CA (945xx), middle income of $60,000 a year. Outcome: fully paid.",
    fields: { addr_state: "CA", zip_code: "945xx" },
    outcome: "fully_paid",
  },
];
const analyzer = () => createOpenAiAnalyzer({ baseUrl, apiKey: "sk-test", model: "llama3" });
const input = (signal?: AbortSignal) => ({ question: "Can I borrow $8,000?", profiles, maxTokens: 200, signal });

/** apfa_llm_tokens_total{analyzer="openai"} as a scrape reads it. */
async function openAiTokens(): Promise<number> {
  const metric = await metricsRegistry().getSingleMetric("apfa_llm_tokens_total")!.get();
  return metric.values.find((v) => v.labels.analyzer === "openai")?.value ?? 0;
}

async function collect(stream: AsyncIterable<string>): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe("OpenAI-compatible analyzer", () => {
  it("names the model and server in its version", () => {
    expect(analyzer().kind).toBe("openai");
    expect(analyzer().version).toBe(`openai:llama3@${new URL(baseUrl).host}`);
  });

  it("posts the grounding prompt and streams the deltas as they arrive", async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(`data: ${JSON.stringify({ choices: [{ delta: { role: "assistant" } }] })}\n\n`);
      res.write(": keep-alive comment\n\n");
      res.write(event("Of the "));
      // An event split across network writes, with CRLF line endings.
      const split = event("similar loans").replace(/\n/g, "\r\n");
      res.write(split.slice(0, 25));
      setTimeout(() => {
        res.write(split.slice(25));
        res.write(event(", most were repaid.", "stop"));
        res.end("data: [DONE]\n\n");
      }, 20);
    };
    const tokensBefore = await openAiTokens();
    const chunks = await collect(analyzer().stream(input()));
    expect(chunks).toEqual(["Of the ", "similar loans", ", most were repaid."]);
    // One token per content delta, as these servers stream them (the role-only delta carries none).
    expect((await openAiTokens()) - tokensBefore).toBe(3);

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request!.url).toBe("/v1/chat/completions");
    expect(request!.headers.authorization).toBe("Bearer sk-test");
    expect(request!.headers["content-type"]).toBe("application/json");
    const body = JSON.parse(request!.body);
    expect(body).toMatchObject({ model: "llama3", stream: true, max_tokens: 200, temperature: 0 });
    expect(body.messages.map((m: { role: string }) => m.role)).toEqual(["system", "user"]);
    expect(body.messages[0].content).toMatch(/ONLY the similar past loans/);
    expect(body.messages[1].content).toContain("Can I borrow $8,000?");
    expect(body.messages[1].content).toContain("Loan #11 (similarity 0.93)");
    expect(body.messages[1].content).not.toMatch(/CA|945xx/);
  });

  it("accepts a stream that ends after its finish_reason without [DONE]", async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end(event("Done.", "length"));
    };
    expect(await collect(analyzer().stream(input()))).toEqual(["Done."]);
  });

  it("turns an error status into an error with the status and the body", async () => {
    handler = (_req, _body, res) => {
      res.writeHead(503, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "model is still loading" } }));
    };
    const error = await collect(analyzer().stream(input())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAiStreamError);
    expect((error as OpenAiStreamError).status).toBe(503);
    expect((error as Error).message).toMatch(/answered 503 Service Unavailable: .*model is still loading/);
  });

  it("fails when the connection drops mid-stream", async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(event("Of the 5 "));
      setTimeout(() => res.socket?.destroy(), 20);
    };
    const received: string[] = [];
    const run = async () => {
      for await (const chunk of analyzer().stream(input())) received.push(chunk);
    };
    await expect(run()).rejects.toThrow(/stream broke/);
    expect(received).toEqual(["Of the 5 "]);
  });

  it("fails when the server closes the stream before it finished", async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end(event("Of the 5 "));
    };
    await expect(collect(analyzer().stream(input()))).rejects.toThrow(/closed the stream before it finished/);
  });

  it("fails on an error event in the stream", async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end(`${event("Of ")}data: {"error":{"message":"out of memory"}}\n\n`);
    };
    await expect(collect(analyzer().stream(input()))).rejects.toThrow(/reported an error mid-stream: out of memory/);
  });

  it("fails clearly when the server is unreachable", async () => {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const offline = createOpenAiAnalyzer({ baseUrl: `http://127.0.0.1:${port}/v1`, model: "m" });
    await expect(collect(offline.stream(input()))).rejects.toThrow(
      `LLM server http://127.0.0.1:${port}/v1/chat/completions is unreachable`,
    );
  });

  it("aborts the request when the signal aborts, closing the connection", async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(event("Of the "));
      // ...and never finishes on its own.
    };
    const controller = new AbortController();
    const received: string[] = [];
    const run = async () => {
      for await (const chunk of analyzer().stream(input(controller.signal))) {
        received.push(chunk);
        controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: "AbortError" });
    expect(received).toEqual(["Of the "]);
    await closedEarly; // the server saw the client go away
  });

  it("closes the connection when the consumer stops reading", async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(event("first "));
    };
    for await (const chunk of analyzer().stream(input())) {
      expect(chunk).toBe("first ");
      break;
    }
    await closedEarly;
  });
});
