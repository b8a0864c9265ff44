import type { ReactNode } from "react";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { BiasNotice } from "./bias-notice";
import { SourcesPanel } from "./sources-panel";
import type { Exchange } from "./types";
import { WhyThisAdvice } from "./why-this-advice";

/** One question and its answer as it streams in, with sources, bias notice and a slot for feedback. */
export function ExchangeView({
  exchange,
  onRetry,
  feedback,
}: {
  exchange: Exchange;
  onRetry: () => void;
  feedback?: ReactNode;
}) {
  return (
    <article className="flex flex-col gap-3" aria-busy={exchange.status === "streaming"} data-testid="exchange">
      <p className="self-end rounded-md bg-primary px-3 py-2 text-sm text-primary-foreground">{exchange.question}</p>
      <div className="flex flex-col gap-3 rounded-md border p-4">
        {exchange.advice ? (
          <p className="whitespace-pre-wrap text-sm leading-relaxed" data-testid="advice">
            {exchange.advice}
          </p>
        ) : exchange.status === "streaming" ? (
          <p className="text-sm text-muted-foreground" role="status">
            {exchange.sources.length ? "Writing advice…" : "Finding similar loans…"}
          </p>
        ) : null}
        {exchange.bias ? <BiasNotice bias={exchange.bias} /> : null}
        {exchange.reasons ? <WhyThisAdvice reasons={exchange.reasons} /> : null}
        {exchange.status === "error" ? (
          <Alert tone="error" className="flex items-center justify-between gap-3">
            <span>{exchange.error}</span>
            <Button size="sm" variant="outline" onClick={onRetry}>
              Retry
            </Button>
          </Alert>
        ) : null}
        {exchange.status === "stopped" ? (
          <p className="text-xs text-muted-foreground">
            Stopped.{" "}
            <button type="button" className="underline" onClick={onRetry}>
              Ask again
            </button>
          </p>
        ) : null}
        <SourcesPanel sources={exchange.sources} />
        {exchange.status === "done" ? feedback : null}
      </div>
    </article>
  );
}
