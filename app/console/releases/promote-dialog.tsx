"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Field } from "@/components/console/field";
import { LoadingRows } from "@/components/console/states";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Composition } from "./composition";
import { GatesList } from "./gates-list";
import { MIN_REASON_LENGTH, ReasonField } from "./reason-field";
import { ShadowSummary } from "./shadow-summary";
import type { PolicyView, Release } from "./types";
import { useRefreshReleases } from "./use-refresh-releases";

const PRODUCTION = "production";

/**
 * Puts a release on an alias, production by default. For production the gates are evaluated
 * afresh and shown before anyone can confirm; a failing gate blocks, except that an admin may
 * override it with a written justification. The release the person saw on the alias goes with the
 * request, so a move someone else made in between comes back as a conflict naming the winner
 * instead of being undone. `staging` and custom aliases are the team's: no gates, no approval.
 */
export function PromoteDialog({
  release,
  seen,
  policy,
  onClose,
  onDone,
}: {
  release: Release;
  /** Which release each alias was on as the page showed it when the dialog opened. */
  seen: Record<string, string>;
  policy: PolicyView;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshReleases();
  const gates = useQuery({ ...trpc.releases.gates.queryOptions({ version: release.version }), retry: false });
  const [alias, setAlias] = useState(PRODUCTION);
  const [reason, setReason] = useState("");
  const [override, setOverride] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const promote = useMutation(
    trpc.releases.promote.mutationOptions({
      onSuccess: (result) => {
        void refresh();
        onDone(
          `Promoted ${result.release} to ${result.alias} (was ${result.previous ?? "none"})` +
            (result.overridden.length ? `, overriding ${result.overridden.join(", ")}` : "") +
            (result.alias === PRODUCTION ? ". Web instances switch within seconds." : "."),
        );
      },
      // A conflict means someone else moved the alias: show what it is on now.
      onError: () => void refresh(),
    }),
  );

  const toProduction = alias.trim() === PRODUCTION;
  const expected = seen[alias.trim()] ?? null;
  // Gates guard production only; the team's own aliases move without them.
  const failing = toProduction ? (gates.data ?? []).filter((gate) => gate.blocking) : [];
  const isAdmin = policy.you.role === "admin";
  const approvedByOthers = release.approvals.filter((approval) => approval.approver !== policy.you.email);
  const needsApproval = toProduction && policy.you.production === "needs-approval" && approvedByOthers.length === 0;
  const blockedByGates = failing.length > 0 && !(isAdmin && override);
  const canConfirm =
    (gates.isSuccess || !toProduction) &&
    !needsApproval &&
    !blockedByGates &&
    !promote.isPending &&
    alias.trim() !== "";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!canConfirm) return;
    if (reason.trim().length < MIN_REASON_LENGTH) {
      return setFormError(
        override
          ? "Write the justification for overriding the failing gates (at least 3 characters): it is recorded."
          : "Give a reason of at least 3 characters: it is kept in the audit ledger.",
      );
    }
    setFormError(null);
    promote.mutate({
      version: release.version,
      alias: alias.trim(),
      expected,
      reason: reason.trim(),
      override: (toProduction && override) || undefined,
    });
  };

  return (
    <Dialog
      open
      onClose={onClose}
      busy={promote.isPending}
      title={`Promote ${release.version}`}
      description="If someone moves the alias before you confirm, nothing changes and you are told who did."
    >
      <form aria-label={`Promote ${release.version}`} onSubmit={submit} className="flex flex-col gap-3">
        <Field label="Alias">
          {(id) => (
            <>
              <Input
                id={id}
                list={`${id}-aliases`}
                value={alias}
                onChange={(event) => setAlias(event.target.value)}
                className="w-60"
              />
              <datalist id={`${id}-aliases`}>
                {[...new Set([PRODUCTION, "staging", ...Object.keys(seen)])].map((name) => (
                  <option key={name} value={name} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <p className="text-sm" data-testid="alias-now">
          <code>{alias.trim() || "(no alias)"}</code> is on <code>{expected ?? "no release"}</code> as you saw it.
          {toProduction
            ? " Production is what borrowers and partners are served: its gates must pass."
            : " A team alias: no gates and no approval needed; production is not affected."}
        </p>
        <Composition components={release.components} />
        <section aria-label="Gates" className="flex flex-col gap-2">
          <h3 className="text-sm font-semibold">Gates</h3>
          {gates.isPending ? <LoadingRows rows={3} label="Checking the gates" /> : null}
          {gates.error ? <Alert tone="error">The gates could not be checked: {gates.error.message}</Alert> : null}
          {gates.data ? <GatesList gates={gates.data} label={`Gates of ${release.version}`} /> : null}
        </section>
        <section aria-label="Shadow replay" className="flex flex-col gap-2">
          <h3 className="text-sm font-semibold">Shadow replay</h3>
          <ShadowSummary shadow={release.shadow} />
        </section>
        {toProduction && policy.you.production === "needs-approval" ? (
          <Alert tone={needsApproval ? "error" : "info"} data-testid="approval-note">
            {needsApproval
              ? `Production needs a second person's approval of this release${policy.policy.fourEyes ? " (the four-eyes policy is on)" : " for ML engineers"}: ask another ML engineer or an admin to approve ${release.version} first.`
              : `Approved by ${approvedByOthers.map((approval) => approval.approver).join(", ")}.`}
          </Alert>
        ) : null}
        {failing.length > 0 ? (
          isAdmin ? (
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" checked={override} onChange={(event) => setOverride(event.target.checked)} />
              <span>
                Override the failing {failing.length === 1 ? "gate" : "gates"} ({failing.map((g) => g.name).join(", ")}
                ). The justification below is recorded in the ledger with the override.
              </span>
            </label>
          ) : (
            <Alert tone="error" data-testid="blocked-note">
              {failing.length === 1 ? "A gate blocks" : `${failing.length} gates block`} this promotion. Only an admin
              can override a failing gate, with a written justification.
            </Alert>
          )
        ) : null}
        <ReasonField
          label={override ? "Justification for the override" : "Reason"}
          value={reason}
          onChange={setReason}
          invalid={formError !== null}
        />
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        {promote.error ? (
          <Alert tone="error" data-testid="promote-error">
            {promote.error.message}
          </Alert>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" variant="ghost" disabled={promote.isPending} onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={!canConfirm}>
            {promote.isPending
              ? "Promoting…"
              : toProduction && override
                ? "Override and promote"
                : `Promote to ${alias.trim() || "…"}`}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
