"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { ActionForm } from "../index/action-form";
import { parseDraft, RateLimitFields, type LimitDraft, type LimitUnit } from "./rate-limit-fields";

const UNIT_OF: Record<number, LimitUnit> = { 1: "s", 60: "m", 3600: "h" };

/**
 * Changes one key's rate limit (or puts it back on the default), with a reason for the audit log.
 * Takes effect on the key's next call in every web instance.
 */
export function LimitForm({
  keyId,
  partnerName,
  current,
  onDone,
  onCancel,
}: {
  keyId: string;
  partnerName: string;
  current: { points: number; seconds: number } | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<LimitDraft>({
    points: current ? String(current.points) : "60",
    unit: (current && UNIT_OF[current.seconds]) ?? "m",
  });
  const [useDefault, setUseDefault] = useState(false);
  const [draftError, setDraftError] = useState<string | null>(null);
  const save = useMutation(
    trpc.partners.setRateLimit.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.partners.list.queryKey() });
        onDone();
      },
    }),
  );

  const submit = (reason: string) => {
    if (useDefault) return save.mutate({ id: keyId, rateLimit: null, reason });
    const parsed = parseDraft(draft);
    if (typeof parsed === "string") return setDraftError(parsed);
    setDraftError(null);
    save.mutate({ id: keyId, rateLimit: parsed, reason });
  };

  return (
    <ActionForm
      name={`Rate limit for ${partnerName}`}
      title="Calls over the limit get 429 with Retry-After. Why change it?"
      submitLabel="Save limit"
      pendingLabel="Saving…"
      pending={save.isPending}
      error={draftError ?? save.error?.message ?? null}
      onSubmit={submit}
      onCancel={onCancel}
      autoFocus={false}
    >
      <RateLimitFields
        draft={draft}
        onChange={setDraft}
        disabled={useDefault || save.isPending}
        invalid={draftError !== null}
        autoFocus
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={useDefault} onChange={(event) => setUseDefault(event.target.checked)} />
        Use the default limit (PARTNER_RATE_LIMIT_PER_MINUTE)
      </label>
    </ActionForm>
  );
}
