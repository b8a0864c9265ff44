/** The server's marker for a persona detail a blind reviewer does not see (server/fairness-audits/blind-text.ts). */
const WITHHELD = "[withheld]";

/** Text with each withheld persona detail shown as a visible gap, so it reads as withheld, not as a typo. */
export function WithheldText({ text }: { text: string }) {
  const parts = text.split(WITHHELD);
  return (
    <>
      {parts.map((part, index) => (
        <span key={index}>
          {part}
          {index < parts.length - 1 ? (
            <span
              className="mx-0.5 rounded-sm bg-muted px-1 text-xs text-muted-foreground"
              title="A persona detail, withheld so the answers can be judged blind"
              data-testid="withheld"
            >
              {WITHHELD}
            </span>
          ) : null}
        </span>
      ))}
    </>
  );
}
