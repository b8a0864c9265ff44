"use client";

import { useCallback, useRef, useState } from "react";
import type { Exchange, StreamEvent } from "@/components/chat/types";

/**
 * Sends a question to /api/chat and folds the streamed events into the list of exchanges. An
 * exchange's `error` is the whole sentence the borrower reads, composed here and nowhere else:
 * the server's error events are already sentences of their own.
 */
export function useAdviceStream() {
  const [exchanges, setExchanges] = useState<Exchange[]>([]);
  const [conversationId, setConversationId] = useState<string | undefined>();
  const controller = useRef<AbortController | null>(null);

  const update = (localId: string, change: (exchange: Exchange) => Partial<Exchange>) =>
    setExchanges((all) => all.map((e) => (e.localId === localId ? { ...e, ...change(e) } : e)));

  const ask = useCallback(
    async (question: string) => {
      const localId = crypto.randomUUID();
      setExchanges((all) => [...all, { localId, question, advice: "", sources: [], status: "streaming" }]);
      const abort = new AbortController();
      controller.current = abort;
      try {
        const response = await fetch("/api/chat", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ question, conversationId }),
          signal: abort.signal,
        });
        if (!response.ok || !response.body) {
          const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
          update(localId, () => ({
            status: "error",
            error: `The advisor is unavailable: ${body?.error?.message ?? `it answered ${response.status}`}`,
          }));
          return;
        }
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffered = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffered += value;
          const lines = buffered.split("\n");
          buffered = lines.pop() ?? "";
          for (const line of lines.filter(Boolean)) applyEvent(localId, JSON.parse(line) as StreamEvent);
        }
        update(localId, (e) =>
          e.status === "streaming" ? { status: "error", error: "The answer stopped before it was finished." } : {},
        );
      } catch (error) {
        // A Stop that lands after `done` (pressed as it arrived) changes nothing: the answer was
        // delivered and stored as given, so the chat must not call it stopped.
        if (abort.signal.aborted) update(localId, (e) => (e.status === "streaming" ? { status: "stopped" } : {}));
        else
          update(localId, () => ({
            status: "error",
            error: `Could not reach the advisor: ${(error as Error).message}`,
          }));
      } finally {
        controller.current = null;
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- applyEvent only uses setters
    [conversationId],
  );

  function applyEvent(localId: string, event: StreamEvent) {
    switch (event.type) {
      case "sources":
        return update(localId, () => ({ sources: event.profiles }));
      case "token":
        return update(localId, (e) => ({ advice: e.advice + event.text }));
      case "bias":
        return update(localId, () => ({ bias: event.bias }));
      case "done":
        setConversationId(event.conversationId);
        return update(localId, (e) => ({
          status: "done",
          adviceId: event.adviceId,
          advice: e.advice.trim(),
          reasons: event.reasons,
        }));
      case "error":
        return update(localId, () => ({ status: "error", error: event.message, adviceId: event.adviceId }));
    }
  }

  const stop = useCallback(() => controller.current?.abort(), []);
  const setFeedback = useCallback(
    (localId: string, feedback: Pick<Exchange, "rating" | "thumbs">) => update(localId, () => feedback),
    [],
  );

  return { exchanges, ask, stop, streaming: exchanges.some((e) => e.status === "streaming"), setFeedback };
}
