import { isAdverse, type ReasonsTrail } from "@/server/reasons";
import type { Recommendation } from "@/server/fairness";
import { Badge } from "../ui/badge";
import { WhyThisAdvice } from "./why-this-advice";

interface HistoryItem {
  id: string;
  query: string;
  advice: string;
  status: string;
  sources: { id: number; score: number }[];
  biasFlagged: boolean | null;
  /** Null for answers stored before trails existed. */
  reasonsTrail: ReasonsTrail | null;
  recommendation: Recommendation | null;
  rating: number | null;
  thumbs: "up" | "down" | null;
  createdAt: Date;
}

export function HistoryList({ items, formatDate }: { items: HistoryItem[]; formatDate: (value: Date) => string }) {
  return (
    <ul className="flex flex-col gap-2" data-testid="history">
      {items.map((item) => (
        <li key={item.id} className="rounded-md border p-3 text-sm">
          <details>
            <summary className="cursor-pointer">
              <span className="font-medium">{item.query}</span>
              <span className="ml-2 text-xs text-muted-foreground">{formatDate(item.createdAt)}</span>
            </summary>
            <div className="mt-2 flex flex-col gap-2">
              {item.advice ? <p className="whitespace-pre-wrap">{item.advice}</p> : null}
              {item.advice && item.reasonsTrail ? (
                <WhyThisAdvice reasons={{ trail: item.reasonsTrail, adverse: isAdverse(item.recommendation) }} />
              ) : null}
              <div className="flex flex-wrap gap-2 text-xs">
                {/* "cancelled" is stored for any client that went away; in a borrower's own history that was their Stop. */}
                {item.status === "cancelled" ? (
                  <Badge tone="warn">stopped</Badge>
                ) : item.status !== "ok" ? (
                  <Badge tone="bad">{item.status}</Badge>
                ) : null}
                {item.biasFlagged ? <Badge tone="bad">flagged for bias</Badge> : null}
                <Badge>{item.sources.length} similar loans</Badge>
                {item.rating ? <Badge tone="good">rated {item.rating}/5</Badge> : null}
                {item.thumbs ? (
                  <Badge tone={item.thumbs === "up" ? "good" : "warn"}>
                    {item.thumbs === "up" ? "helpful" : "not helpful"}
                  </Badge>
                ) : null}
              </div>
            </div>
          </details>
        </li>
      ))}
    </ul>
  );
}
