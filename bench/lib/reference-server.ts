/**
 * bench/load.ts's reference: POST /api/v1/advice answered with the advice graph's work called
 * directly — the release decided by server/serving (same embedder, index, analyzer, prompt and bias
 * policy), retrieval (retrieveProfiles, as the retriever node calls it), the analyzer's stream, the
 * reasons trail, the bias check and the labels — with no LangGraph and nothing stored. A bare
 * node:http server: no Next.js routing, partner-key check or rate limit either. GET /heap answers
 * the V8 heap in use outside the young generation, as bench/load.ts reads it from the product's
 * /api/metrics (apfa_nodejs_heap_space_size_used_bytes by space).
 *
 * Started by bench/load.ts with the product's environment, on REFERENCE_PORT (loopback only).
 */
import http from "node:http";
import v8 from "node:v8";
import { partnerAdviceInput } from "../../server/advice";
import { checkBias } from "../../server/bias";
import { labelAdvice } from "../../server/fairness";
import { MAX_ADVICE_TOKENS } from "../../server/llm";
import { retrieveProfiles } from "../../server/rag";
import { reasonsTrail } from "../../server/reasons";
import { decideServing } from "../../server/serving";

async function answer(query: string, userId: string | undefined) {
  const decision = await decideServing({ userId, channel: "api" });
  try {
    const { embedder, index, analyzer, systemPrompt, biasPolicy } = decision.engines;
    const { profiles } = await retrieveProfiles(query, { embedder, index }, 5);
    let advice = "";
    for await (const text of analyzer.stream({ question: query, profiles, maxTokens: MAX_ADVICE_TOKENS, systemPrompt }))
      advice += text;
    advice = advice.trim();
    // The analyzer node builds the trail for the stored request; the response does not carry it.
    reasonsTrail({ advice, question: query, profiles });
    const bias = checkBias(advice, biasPolicy, query);
    const label = labelAdvice(advice);
    return {
      advice,
      sources: profiles.map(({ id, score, text }) => ({ id: String(id), score, text })),
      bias: { score: bias.score, flagged: bias.flagged, reasons: bias.reasons },
      recommendation: label.recommendation,
      quotedAmounts: label.amounts,
      quotedRates: label.rates,
      release: decision.release,
      versions: decision.versions,
    };
  } finally {
    decision.done();
  }
}

async function body(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const server = http.createServer((request, response) => {
  const send = (status: number, json: unknown) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(json));
  };
  if (request.method === "GET" && request.url === "/heap") {
    const old = v8.getHeapSpaceStatistics().filter((space) => !space.space_name.startsWith("new_"));
    return send(200, { heapUsed: old.reduce((sum, space) => sum + space.space_used_size, 0) });
  }
  if (request.method !== "POST" || request.url !== "/api/v1/advice") return send(404, { error: "not found" });
  body(request)
    .then((text) => {
      const input = partnerAdviceInput.safeParse(JSON.parse(text));
      if (!input.success) return send(422, { error: input.error.message });
      return answer(input.data.query, input.data.userId).then((result) => send(200, result));
    })
    .catch((error: unknown) => {
      // The bench counts any non-2xx as a failure; say why on stderr, which the bench shows.
      console.error("reference request failed:", error);
      send(500, { error: String(error) });
    });
});

const port = Number(process.env.REFERENCE_PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error("REFERENCE_PORT must name the port to listen on");
server.listen(port, "127.0.0.1");
