"use client";

import { useState, type FormEvent, type KeyboardEvent } from "react";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";

const MAX_CHARS = 2000;

/** Enter sends, Shift+Enter adds a line; the limit is shown before the server has to refuse. */
export function Composer({
  streaming,
  onSend,
  onStop,
}: {
  streaming: boolean;
  onSend: (question: string) => void;
  onStop: () => void;
}) {
  const [text, setText] = useState("");
  const [hint, setHint] = useState<string | null>(null);
  const over = text.length > MAX_CHARS;

  const send = (event?: FormEvent) => {
    event?.preventDefault();
    if (streaming) return;
    if (!text.trim()) return setHint("Type a question first.");
    if (over) return setHint(`Questions are limited to ${MAX_CHARS.toLocaleString("en-US")} characters.`);
    setHint(null);
    onSend(text.trim());
    setText("");
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) send(event);
  };

  return (
    <form onSubmit={send} className="flex flex-col gap-2" aria-label="Ask the advisor">
      <label htmlFor="question" className="sr-only">
        Your question
      </label>
      <textarea
        id="question"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        rows={3}
        placeholder="e.g. I rent in California, earn $52,000 and my card utilization is 85%. Should I take a $15,000 loan over 60 months?"
        aria-invalid={over}
        aria-describedby="question-hint"
        className="w-full resize-y rounded-md border bg-background p-3 text-sm shadow-xs"
      />
      <div className="flex items-center justify-between gap-3">
        <p
          id="question-hint"
          className={cn("text-xs text-muted-foreground", (hint || over) && "text-destructive")}
          role="status"
        >
          {hint ??
            `${text.length.toLocaleString("en-US")} / ${MAX_CHARS.toLocaleString("en-US")} · Enter to send, Shift+Enter for a new line`}
        </p>
        {streaming ? (
          <Button type="button" variant="outline" onClick={onStop}>
            Stop
          </Button>
        ) : (
          <Button type="submit">Ask</Button>
        )}
      </div>
    </form>
  );
}
