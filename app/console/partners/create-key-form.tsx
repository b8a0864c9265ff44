"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { PARTNER_SCOPES, type PartnerScope } from "@/server/auth/roles";
import { parseDraft, RateLimitFields, type LimitDraft } from "./rate-limit-fields";

export function CreateKeyForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<PartnerScope[]>(["advice"]);
  const [formError, setFormError] = useState<string | null>(null);
  // Off: the key gets the deployment's default limit (and follows it when it changes).
  const [ownLimit, setOwnLimit] = useState(false);
  const [limit, setLimit] = useState<LimitDraft>({ points: "60", unit: "m" });
  const create = useMutation(
    trpc.partners.create.mutationOptions({
      onSuccess: () => {
        setName("");
        void queryClient.invalidateQueries({ queryKey: trpc.partners.list.queryKey() });
      },
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The server validates too; checking here first saves a round trip for the obvious cases.
    if (!name.trim()) return setFormError("Partner name is required.");
    if (scopes.length === 0) return setFormError("Choose at least one scope.");
    const rateLimit = ownLimit ? parseDraft(limit) : null;
    if (typeof rateLimit === "string") return setFormError(rateLimit);
    setFormError(null);
    create.mutate({ name, scopes, rateLimit });
  };
  const toggle = (scope: PartnerScope) =>
    setScopes((current) => (current.includes(scope) ? current.filter((s) => s !== scope) : [...current, scope]));

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Create partner key">
      <div className="flex flex-col gap-2">
        <Label htmlFor="partner-name">Partner name</Label>
        <Input
          id="partner-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Acme Bank"
          aria-invalid={formError !== null && !name.trim()}
        />
      </div>
      <fieldset className="flex flex-wrap gap-x-4 gap-y-2">
        <legend className="mb-2 text-sm font-medium">Scopes</legend>
        {PARTNER_SCOPES.map((scope) => (
          <label key={scope} className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={scopes.includes(scope)} onChange={() => toggle(scope)} />
            <code>{scope}</code>
          </label>
        ))}
      </fieldset>
      <div className="flex flex-col gap-2">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={ownLimit} onChange={(event) => setOwnLimit(event.target.checked)} />
          Own rate limit (otherwise the default, PARTNER_RATE_LIMIT_PER_MINUTE)
        </label>
        {ownLimit ? <RateLimitFields draft={limit} onChange={setLimit} invalid={formError !== null} /> : null}
      </div>
      {formError || create.error ? <Alert tone="error">{formError ?? create.error?.message}</Alert> : null}
      {create.data ? (
        <Alert tone="success" data-testid="new-key">
          <p className="font-medium">Key for {create.data.name}: copy it now, it will not be shown again.</p>
          <div className="mt-2 flex items-center gap-2">
            <code className="break-all rounded bg-white px-2 py-1" data-testid="new-key-value">
              {create.data.key}
            </code>
            <Button
              type="button"
              variant="outline"
              size="sm"
              onClick={() => void navigator.clipboard?.writeText(create.data.key)}
            >
              Copy
            </Button>
          </div>
        </Alert>
      ) : null}
      <div>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create key"}
        </Button>
      </div>
    </form>
  );
}
