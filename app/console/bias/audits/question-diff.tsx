import type { DiffPart } from "./word-diff";

/** A question with the words its counterpart lacks highlighted (what the swap changed). */
export function QuestionText({ parts, label }: { parts: DiffPart[]; label: string }) {
  return (
    <blockquote className="rounded-md border bg-muted/30 p-2 text-sm" aria-label={label} data-testid="question">
      {parts.map((part, index) =>
        part.changed ? (
          <mark key={index} className="rounded-sm bg-amber-200 px-0.5 text-foreground" data-testid="changed-words">
            {part.text}
          </mark>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </blockquote>
  );
}
