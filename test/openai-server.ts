import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small OpenAI-compatible chat-completions server for tests (a stand-in for vLLM or Ollama):
 * streams the words `answer` returns for each request, `delayMs` apart, as server-sent events.
 * It records the system prompt of every request, and whether the client went away early, and
 * lists one model at GET /models.
 */

export interface ChatRequest {
  model: string;
  /** The Authorization header as received (empty when none). */
  authorization: string;
  system: string;
  user: string;
}

export interface OpenAiTestServer {
  baseUrl: string;
  requests: ChatRequest[];
  /** Requests whose client closed the connection before the answer was finished. */
  abandoned: number;
  /** Words written so far, over all requests. */
  wordsSent: number;
  close(): Promise<void>;
}

export async function startOpenAiServer(
  answer: (request: ChatRequest) => string[] | Promise<string[]>,
  options: { delayMs?: number } = {},
): Promise<OpenAiTestServer> {
  const state = { requests: [] as ChatRequest[], abandoned: 0, wordsSent: 0 };
  const server = http.createServer((request, response) => {
    // The registry checks a server answers before it registers an analyzer on it.
    if (request.method === "GET" && request.url?.endsWith("/models")) {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ object: "list", data: [{ id: "stand-in", object: "model" }] }));
      return;
    }
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      void (async () => {
        const parsed = JSON.parse(body) as { model: string; messages: { role: string; content: string }[] };
        const chat: ChatRequest = {
          model: parsed.model,
          authorization: request.headers.authorization ?? "",
          system: parsed.messages.find((m) => m.role === "system")?.content ?? "",
          user: parsed.messages.find((m) => m.role === "user")?.content ?? "",
        };
        state.requests.push(chat);
        let finished = false;
        response.on("close", () => {
          if (!finished) state.abandoned++;
        });
        response.writeHead(200, { "content-type": "text/event-stream" });
        for (const word of await answer(chat)) {
          if (response.destroyed) return;
          if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
          if (response.destroyed) return;
          state.wordsSent++;
          response.write(`data: ${JSON.stringify({ choices: [{ delta: { content: word } }] })}\n\n`);
        }
        response.write(`data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: "stop" }] })}\n\n`);
        response.write("data: [DONE]\n\n");
        finished = true;
        response.end();
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    get requests() {
      return state.requests;
    },
    get abandoned() {
      return state.abandoned;
    },
    get wordsSent() {
      return state.wordsSent;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
