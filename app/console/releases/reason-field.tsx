"use client";

import { useId } from "react";
import { Label } from "@/components/ui/input";

/** The server's rule for every release action: at least 3 characters after trimming. */
export const MIN_REASON_LENGTH = 3;

/** A reason (or an override's justification) for the ledger, written before an action is confirmed. */
export function ReasonField({
  label,
  value,
  onChange,
  invalid,
  placeholder = "Why, in a few words (kept in the audit ledger)",
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  placeholder?: string;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <Label htmlFor={id}>{label}</Label>
      <textarea
        id={id}
        data-autofocus
        value={value}
        rows={2}
        maxLength={1_000}
        onChange={(event) => onChange(event.target.value)}
        placeholder={placeholder}
        aria-invalid={invalid}
        className="rounded-md border bg-background p-2 text-sm aria-invalid:border-destructive"
      />
    </div>
  );
}
