import { chatInput, runAdvice, type AdviceEvent } from "@/server/advice";
import { handle, readJson, requireRole } from "@/server/http";

export const dynamic = "force-dynamic";

/**
 * Borrower chat (role: borrower and above). Streams newline-delimited JSON events: sources,
 * tokens, bias, then done or error. A client that disconnects cancels generation.
 */
export async function POST(request: Request) {
  return handle("POST /api/chat", async () => {
    const user = await requireRole("borrower");
    const input = await readJson(request, chatInput);
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (event: AdviceEvent) => {
          try {
            controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
          } catch {
            // The client is gone; runAdvice sees the aborted signal and records the cancellation.
          }
        };
        void runAdvice(
          { question: input.question, conversationId: input.conversationId, channel: "chat", userId: user.id },
          { signal: request.signal, onEvent: send },
        ).finally(() => {
          try {
            controller.close();
          } catch {
            // already closed by a disconnect
          }
        });
      },
    });
    return new Response(stream, {
      headers: {
        "content-type": "application/x-ndjson; charset=utf-8",
        "cache-control": "no-store",
        "x-accel-buffering": "no",
      },
    });
  });
}
