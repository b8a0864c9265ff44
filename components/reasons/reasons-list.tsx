import { loanReasons, NO_LOAN_FACTS, type ReasonsTrail } from "@/server/reasons";

const METHOD = {
  generation: "The advisor recorded these as it wrote each sentence.",
  matching: "Found by matching the figures and facts each sentence states against the past loans.",
} as const;

/**
 * A reasons trail in plain words, statement by statement: the chat shows it to the borrower and
 * the review queue to reviewers, in the same words (server/reasons/words.ts).
 */
export function ReasonsList({ trail }: { trail: ReasonsTrail }) {
  if (trail.statements.length === 0) return <p className="text-muted-foreground">No advice was written.</p>;
  return (
    <div className="flex flex-col gap-2">
      <ol className="flex flex-col gap-2" data-testid="reasons">
        {trail.statements.map(({ statement, citations }, i) => (
          <li key={i} className="rounded border bg-background p-2" data-testid="reason">
            <p>{statement}</p>
            {citations.length === 0 ? (
              <p className="mt-1 text-xs text-muted-foreground">{NO_LOAN_FACTS}</p>
            ) : (
              <ul className="mt-1 list-disc pl-5 text-xs">
                {loanReasons({ statement, citations }).map((loan) => (
                  <li key={loan.profileId}>{loan.words}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      <p className="text-xs text-muted-foreground">{METHOD[trail.method]}</p>
    </div>
  );
}
