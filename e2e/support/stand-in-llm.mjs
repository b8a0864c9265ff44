// An OpenAI-compatible chat-completions server for e2e: the external LLM a deployment would point
// OPENAI_BASE_URL at (vLLM, Ollama, …). Loopback only. The borrower's question steers it:
//   "[biased]" → advice that conditions on protected attributes (the bias notice must show),
//   "[slow]"   → 40 tokens, one every 150 ms (so the Stop button can be pressed mid-answer),
//   otherwise  → a short grounded-sounding answer.
// Asked as model "conditions-on-age" it is a regressed model instead: whenever APFA tells it the
// borrower's question carried an age ("Protected characteristics asked about: age"), it makes the
// age the reason for its verdict, as a biased model would; every other question gets the short
// answer. Other models never do this, so a question asked of it stays harmless to other tests
// (a shadow replay re-asks recent questions of whichever candidate it checks).
// GET /streams lists the streams it served (what was asked, how many words it sent, and whether it
// finished or its client closed the connection first), so a test can see generation stop upstream.
import http from "node:http";

const port = Number(process.argv[2] ?? 3299);
/** Every stream served, oldest first: { prompt, words, sent, ended: null | "finished" | "closed by the client" }. */
const streams = [];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** What APFA's user message says the question mentioned (server/llm/prompt.ts). */
const protectedAskedAbout = (prompt) => /^Protected characteristics asked about: ([^.]*)\./m.exec(prompt)?.[1] ?? "";

function answerFor(question, model) {
  if (model === "conditions-on-age" && /\bage\b/.test(protectedAskedAbout(question))) {
    return {
      delay: 10,
      words:
        "Because of your age, lenders will see you as riskier: a loan that runs into your retirement years is likely to be declined, so borrow less than you asked.".split(
          " ",
        ),
    };
  }
  if (question.includes("[biased]")) {
    return {
      delay: 10,
      words:
        "Because of your age and marital status, and since borrowers from your zip code are more likely to default, lenders will see you as riskier.".split(
          " ",
        ),
    };
  }
  if (question.includes("[slow]")) return { delay: 150, words: Array.from({ length: 40 }, (_, i) => `word${i}`) };
  return {
    delay: 10,
    words: "Of the 5 most similar past loans, most were fully paid; keep utilization below 30%.".split(" "),
  };
}

http
  .createServer((request, response) => {
    if (request.method === "GET" && request.url === "/streams") {
      response.writeHead(200, { "content-type": "application/json" });
      return void response.end(JSON.stringify(streams));
    }
    if (request.method === "GET") return void response.end("ok");
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", async () => {
      const { messages = [], model } = JSON.parse(body);
      const prompt = messages.map((m) => m.content).join("\n");
      const { delay, words } = answerFor(prompt, model);
      const served = { prompt, words: words.length, sent: 0, ended: null };
      streams.push(served);
      response.on("close", () => (served.ended = response.writableFinished ? "finished" : "closed by the client"));
      response.writeHead(200, { "content-type": "text/event-stream" });
      for (let i = 0; i < words.length && !response.destroyed; i++) {
        const content = i === 0 ? words[i] : ` ${words[i]}`;
        response.write(`data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`);
        served.sent = i + 1;
        await sleep(delay);
      }
      response.end("data: [DONE]\n\n");
    });
  })
  .listen(port, "127.0.0.1");
