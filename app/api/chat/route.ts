import { chatInput, runAdvice, type AdviceEvent } from "@/server/advice";
import { handle, readJson, requireRole } from "@/server/http";
import { answeredAttributes } from "@/server/tracing";

export const dynamic = "force-dynamic";

/**
 * Borrower chat (role: borrower and above). Streams newline-delimited JSON events: sources,
 * tokens, bias, then done or error. A client that disconnects cancels generation. The response's
 * x-request-id names the request in logs, traces and the stored advice request.
 */
export async function POST(request: Request) {
  return handle("POST /api/chat", request, async (scope) => {
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
        const answered = runAdvice(
          {
            question: input.question,
            conversationId: input.conversationId,
            channel: "chat",
            userId: user.id,
            requestId: scope.requestId,
          },
          { signal: request.signal, onEvent: send },
        )
          .then((result) => scope.setAttributes(answeredAttributes(result)))
          .finally(() => {
            try {
              controller.close();
            } catch {
              // already closed by a disconnect
            }
          });
        // The request's span lasts until the streamed answer is finished.
        scope.holdUntil(answered);
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
