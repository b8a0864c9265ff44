"use client";

import { useId } from "react";
import { Label } from "@/components/ui/input";

/** The note every decision needs: why the answer is, or is not, biased. Kept with the decision. */
export function NoteField({
  value,
  onChange,
  invalid,
}: {
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <Label htmlFor={id}>Note</Label>
      <textarea
        id={id}
        data-autofocus
        value={value}
        rows={2}
        maxLength={2_000}
        onChange={(event) => onChange(event.target.value)}
        placeholder="Why, in a few words (kept with the decision)"
        aria-invalid={invalid}
        className="rounded-md border bg-background p-2 text-sm aria-invalid:border-destructive"
      />
    </div>
  );
}
