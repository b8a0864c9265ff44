"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { Composer } from "@/components/chat/composer";
import { ExchangeView } from "@/components/chat/exchange-view";
import { Feedback } from "@/components/chat/feedback";
import { HistoryList } from "@/components/chat/history-list";
import { formatDate } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";
import { Alert } from "@/components/ui/alert";
import { useAdviceStream } from "./use-advice-stream";

export function ChatView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { exchanges, ask, stop, streaming, setFeedback } = useAdviceStream();
  const history = useQuery(trpc.advice.history.queryOptions({ limit: 20 }));
  const feedback = useMutation(
    trpc.advice.feedback.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.advice.history.queryKey() }),
    }),
  );

  const send = (question: string) =>
    void ask(question).then(() => queryClient.invalidateQueries({ queryKey: trpc.advice.history.queryKey() }));

  return (
    <div className="flex flex-col gap-6">
      <section aria-label="Conversation" className="flex flex-col gap-6" aria-live="polite">
        {exchanges.length === 0 ? (
          <p className="rounded-md border border-dashed p-6 text-center text-sm text-muted-foreground">
            Describe your situation and the loan you are considering. The advisor answers from the outcomes of the five
            most similar real loans and shows you which ones.
          </p>
        ) : null}
        {exchanges.map((exchange) => (
          <ExchangeView
            key={exchange.localId}
            exchange={exchange}
            onRetry={() => send(exchange.question)}
            feedback={
              exchange.adviceId ? (
                <Feedback
                  rating={exchange.rating}
                  thumbs={exchange.thumbs}
                  pending={feedback.isPending}
                  onChange={(change) => {
                    setFeedback(exchange.localId, change);
                    feedback.mutate({ adviceId: exchange.adviceId!, ...change });
                  }}
                />
              ) : null
            }
          />
        ))}
        {feedback.error ? <Alert tone="error">Your rating was not saved: {feedback.error.message}</Alert> : null}
      </section>
      <Composer streaming={streaming} onSend={send} onStop={stop} />
      <section aria-labelledby="history-heading" className="flex flex-col gap-3">
        <h2 id="history-heading" className="text-base font-semibold">
          Your earlier questions
        </h2>
        <QueryView
          query={history}
          empty={{ title: "No questions yet", body: "Your questions and answers are kept here." }}
        >
          {(items) => <HistoryList items={items} formatDate={formatDate} />}
        </QueryView>
      </section>
    </div>
  );
}
