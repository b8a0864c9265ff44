"use client";

import { useId, useState, type FormEvent, type KeyboardEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";

/** The server's rule (index-versions and partners routers): at least 3 characters after trimming, at most 500. */
const MIN_REASON_LENGTH = 3;
const MAX_REASON_LENGTH = 500;
const REASON_REQUIRED = "Give a reason of at least 3 characters: it is kept in the audit log.";

/**
 * Every index action, and revoking a partner key, asks why: the reason goes to the audit log. Enter submits, Escape cancels;
 * the server's error message is shown as it comes.
 */
export function ActionForm({
  name,
  title,
  submitLabel,
  pendingLabel,
  pending,
  error,
  onSubmit,
  onCancel,
  initialReason = "",
  autoFocus = true,
  className,
  children,
}: {
  /** The form's accessible name, e.g. "Promote 1a2b3c4d5e6f". */
  name: string;
  title?: ReactNode;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  error: string | null;
  onSubmit: (reason: string) => void;
  onCancel?: () => void;
  initialReason?: string;
  autoFocus?: boolean;
  className?: string;
  /** Fields shown before the reason, e.g. the kind of index to build. */
  children?: ReactNode;
}) {
  const [reason, setReason] = useState(initialReason);
  const [formError, setFormError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();
  const shownError = formError ?? error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const trimmed = reason.trim();
    // The server refuses it too; checking here first saves a round trip for the obvious case.
    if (trimmed.length < MIN_REASON_LENGTH) return setFormError(REASON_REQUIRED);
    setFormError(null);
    onSubmit(trimmed);
  };
  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || !onCancel || pending) return;
    event.preventDefault();
    onCancel();
  };

  return (
    <form
      aria-label={name}
      onSubmit={submit}
      onKeyDown={cancelOnEscape}
      className={cn("flex flex-col gap-2", className)}
    >
      {title ? <p className="text-sm font-medium">{title}</p> : null}
      {children}
      <Label htmlFor={inputId}>Reason</Label>
      <div className="flex flex-wrap items-center gap-2">
        <Input
          id={inputId}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          // Opening a form is a request to type into it.
          autoFocus={autoFocus}
          maxLength={MAX_REASON_LENGTH}
          placeholder="Why, in a few words (kept in the audit log)"
          aria-invalid={shownError !== null}
          aria-describedby={shownError ? errorId : undefined}
          className="max-w-xl flex-1"
        />
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </Button>
        {onCancel ? (
          <Button type="button" variant="ghost" size="sm" disabled={pending} onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
      {shownError ? (
        <Alert tone="error" id={errorId}>
          {shownError}
        </Alert>
      ) : null}
    </form>
  );
}
