"use client";

import { useId, type ReactNode } from "react";
import { Label } from "../ui/input";

/** A labelled form control: the label names whatever the control is, through an id made here. */
export function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <Label htmlFor={id}>{label}</Label>
      {children(id)}
    </div>
  );
}
