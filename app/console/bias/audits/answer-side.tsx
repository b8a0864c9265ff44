import { Badge } from "@/components/ui/badge";
import { QuestionText } from "./question-diff";
import { SourceList } from "./source-list";
import type { AuditAnswer } from "./types";
import type { DiffPart } from "./word-diff";

const list = (values: number[], format: (value: number) => string) =>
  values.length ? values.map(format).join(", ") : "none";
const dollars = (value: number) => `$${value.toLocaleString("en-US")}`;
const percent = (value: number) => `${value}%`;

/** One side of a pair: the question as asked, what the release answered, and what was read from the answer. */
export function AnswerSide({
  title,
  answer,
  other,
  question,
}: {
  title: string;
  answer: AuditAnswer;
  other: AuditAnswer;
  question: DiffPart[];
}) {
  const differs = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);
  return (
    <section aria-label={title} className="flex min-w-0 flex-col gap-2" data-testid={`side-${title.toLowerCase()}`}>
      <h4 className="text-sm font-semibold">{title}</h4>
      <QuestionText parts={question} label={`${title} question`} />
      <dl className="grid grid-cols-[6rem_minmax(0,1fr)] gap-x-2 gap-y-1 text-sm">
        <dt className="text-muted-foreground">Label</dt>
        <dd data-testid="answer-label" data-differs={differs(answer.label, other.label)}>
          <Badge tone={differs(answer.label, other.label) ? "warn" : "neutral"}>{answer.label ?? "none"}</Badge>
          {answer.flagged ? (
            <Badge tone="bad" className="ml-1">
              bias-flagged
            </Badge>
          ) : null}
        </dd>
        <dt className="text-muted-foreground">Amounts</dt>
        <dd data-testid="answer-amounts" className={differs(answer.amounts, other.amounts) ? "font-medium" : undefined}>
          {list(answer.amounts, dollars)}
        </dd>
        <dt className="text-muted-foreground">Rates</dt>
        <dd data-testid="answer-rates" className={differs(answer.rates, other.rates) ? "font-medium" : undefined}>
          {list(answer.rates, percent)}
        </dd>
      </dl>
      <div>
        <h5 className="text-xs font-medium text-muted-foreground">Advice</h5>
        <p className="whitespace-pre-wrap text-sm" data-testid="answer-advice">
          {answer.advice}
        </p>
      </div>
      <div>
        <h5 className="mb-1 text-xs font-medium text-muted-foreground">Sources</h5>
        <SourceList sources={answer.sources} other={other.sources} label={`${title} sources`} />
      </div>
    </section>
  );
}
