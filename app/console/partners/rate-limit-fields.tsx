"use client";

import { useId } from "react";
import { Input, Label } from "@/components/ui/input";

export type LimitUnit = "s" | "m" | "h";

/** What the fields hold: the count as typed (checked on submit), and its unit. */
export interface LimitDraft {
  points: string;
  unit: LimitUnit;
}

const UNITS: { value: LimitUnit; label: string }[] = [
  { value: "s", label: "per second" },
  { value: "m", label: "per minute" },
  { value: "h", label: "per hour" },
];

/** The count as the server takes it, or the message the server would answer (checked here to save a round trip). */
export function parseDraft(draft: LimitDraft): { points: number; unit: LimitUnit } | string {
  const text = draft.points.trim();
  if (!/^\d+$/.test(text)) return "The rate limit must be a whole number of requests, at least 1.";
  const points = Number(text);
  if (points < 1) return "The rate limit must be at least 1 request.";
  if (points > 1_000_000) return "The rate limit must be at most 1000000 requests.";
  return { points, unit: draft.unit };
}

/** A rate limit as a count and a unit: "100 requests per minute". */
export function RateLimitFields({
  draft,
  onChange,
  disabled = false,
  invalid = false,
  label = "Rate limit",
  autoFocus = false,
}: {
  draft: LimitDraft;
  onChange: (draft: LimitDraft) => void;
  disabled?: boolean;
  invalid?: boolean;
  label?: string;
  /** Opening a form to change the limit is a request to type it. */
  autoFocus?: boolean;
}) {
  const pointsId = useId();
  const unitId = useId();
  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={pointsId}>{label}</Label>
      <div className="flex items-center gap-2">
        <Input
          id={pointsId}
          inputMode="numeric"
          value={draft.points}
          onChange={(event) => onChange({ ...draft, points: event.target.value })}
          disabled={disabled}
          aria-invalid={invalid}
          autoFocus={autoFocus}
          className="w-28"
        />
        <span className="text-sm text-muted-foreground">requests</span>
        <label htmlFor={unitId} className="sr-only">
          {label}: unit
        </label>
        <select
          id={unitId}
          value={draft.unit}
          onChange={(event) => onChange({ ...draft, unit: event.target.value as LimitUnit })}
          disabled={disabled}
          className="h-9 rounded-md border bg-background px-2 text-sm"
        >
          {UNITS.map((unit) => (
            <option key={unit.value} value={unit.value}>
              {unit.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
