"use client";

import { ThumbsDown, ThumbsUp } from "lucide-react";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";

/** 1–5 rating and thumbs for one answer; keyboard reachable, state announced by aria-pressed. */
export function Feedback({
  rating,
  thumbs,
  pending,
  onChange,
}: {
  rating?: number;
  thumbs?: "up" | "down";
  pending?: boolean;
  onChange: (feedback: { rating?: number; thumbs?: "up" | "down" }) => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="feedback">
      <span className="text-muted-foreground">Was this useful?</span>
      <div role="group" aria-label="Rate this answer from 1 to 5" className="flex gap-1">
        {[1, 2, 3, 4, 5].map((value) => (
          <Button
            key={value}
            type="button"
            size="sm"
            variant="outline"
            disabled={pending}
            aria-pressed={rating === value}
            aria-label={`Rate ${value} of 5`}
            className={cn("w-8 px-0", rating !== undefined && value <= rating && "bg-primary text-primary-foreground")}
            onClick={() => onChange({ rating: value })}
          >
            {value}
          </Button>
        ))}
      </div>
      <div className="flex gap-1">
        <Button
          type="button"
          size="sm"
          variant="ghost"
          disabled={pending}
          aria-pressed={thumbs === "up"}
          aria-label="Helpful"
          onClick={() => onChange({ thumbs: "up" })}
        >
          <ThumbsUp className={cn("size-4", thumbs === "up" && "fill-current")} />
        </Button>
        <Button
          type="button"
          size="sm"
          variant="ghost"
          disabled={pending}
          aria-pressed={thumbs === "down"}
          aria-label="Not helpful"
          onClick={() => onChange({ thumbs: "down" })}
        >
          <ThumbsDown className={cn("size-4", thumbs === "down" && "fill-current")} />
        </Button>
      </div>
    </div>
  );
}
