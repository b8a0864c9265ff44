"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Field } from "@/components/console/field";
import { LoadingRows } from "@/components/console/states";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { GatesList } from "../releases/gates-list";
import { MIN_REASON_LENGTH, ReasonField } from "../releases/reason-field";
import { armLabel } from "./format";
import type { Results } from "./types";
import { useRefreshExperiments } from "./use-refresh-experiments";
import { proposedWinner } from "./winner";

const select = "h-9 w-full rounded-md border bg-background px-2 text-sm";

/**
 * Ships an arm: its release goes to production through the release gates (shown, evaluated afresh,
 * before anyone can confirm), with the approval an ML engineer needs, then the experiment stops
 * saying it shipped. The same rules as the Releases page's promote dialog, applied by the server.
 */
export function ShipDialog({
  results,
  onClose,
  onDone,
}: {
  results: Pick<Results, "analysis" | "experiment">;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { experiment } = results;
  const trpc = useTRPC();
  const refresh = useRefreshExperiments();
  const [variant, setVariant] = useState(() => proposedWinner(results));
  const release = experiment.variants[variant] ?? "";
  const gates = useQuery({ ...trpc.releases.gates.queryOptions({ version: release }), retry: false });
  const policy = useQuery(trpc.releases.policy.queryOptions());
  const releases = useQuery(trpc.releases.list.queryOptions());
  const [reason, setReason] = useState("");
  const [override, setOverride] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const ship = useMutation(
    trpc.experiments.ship.mutationOptions({
      onSuccess: ({ promotion, experiment: after }) => {
        void refresh();
        onDone(
          `Shipped arm ${variant}: production is ${promotion.release} (was ${promotion.previous ?? "none"})` +
            (promotion.overridden.length ? `, overriding ${promotion.overridden.join(", ")}` : "") +
            `; experiment ${after.key} is ${after.status}.`,
        );
      },
      onError: () => void refresh(),
    }),
  );

  const production = releases.data?.find((row) => row.aliases.includes("production"))?.version ?? null;
  const view = releases.data?.find((row) => row.version === release);
  const you = policy.data?.you;
  const isAdmin = you?.role === "admin";
  const failing = (gates.data ?? []).filter((gate) => gate.blocking);
  const approvedByOthers = (view?.approvals ?? []).filter((approval) => approval.approver !== you?.email);
  const needsApproval = you?.production === "needs-approval" && approvedByOthers.length === 0;
  const alreadyProduction = production === release;
  const canConfirm =
    gates.isSuccess &&
    policy.isSuccess &&
    releases.isSuccess &&
    !alreadyProduction &&
    !needsApproval &&
    !(failing.length > 0 && !(isAdmin && override)) &&
    !ship.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!canConfirm) return;
    if (reason.trim().length < MIN_REASON_LENGTH)
      return setFormError("Give a reason of at least 3 characters: it is kept in the audit ledger.");
    setFormError(null);
    ship.mutate({ key: experiment.key, variant, reason: reason.trim(), override: (override && isAdmin) || undefined });
  };

  return (
    <Dialog
      open
      onClose={onClose}
      busy={ship.isPending}
      title={`Ship a winner of ${experiment.key}`}
      description="The arm's release goes to production through its gates; the experiment then stops and its users follow production."
    >
      <form aria-label={`Ship a winner of ${experiment.key}`} onSubmit={submit} className="flex flex-col gap-3">
        <Field label="Arm to ship">
          {(id) => (
            <select
              id={id}
              value={variant}
              onChange={(event) => {
                setVariant(Number(event.target.value));
                setOverride(false);
              }}
              className={select}
            >
              {experiment.variants.map((name, i) => (
                <option key={i} value={i}>
                  {armLabel(i, name)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <p className="text-sm" data-testid="ship-production">
          Production is on <code>{production ?? "no release"}</code>.
          {alreadyProduction
            ? " This arm's release is already in production: choose another arm, or stop the experiment."
            : ""}
        </p>
        <section aria-label="Gates" className="flex flex-col gap-2">
          <h3 className="text-sm font-semibold">Gates of {release}</h3>
          {gates.isPending ? <LoadingRows rows={3} label="Checking the gates" /> : null}
          {gates.error ? <Alert tone="error">The gates could not be checked: {gates.error.message}</Alert> : null}
          {gates.data ? <GatesList gates={gates.data} label={`Gates of ${release}`} /> : null}
        </section>
        {policy.error || releases.error ? (
          <Alert tone="error">Who may ship could not be checked: {(policy.error ?? releases.error)?.message}</Alert>
        ) : null}
        {you?.production === "needs-approval" ? (
          <Alert tone={needsApproval ? "error" : "info"} data-testid="approval-note">
            {needsApproval
              ? `Production needs a second person's approval of ${release}${policy.data?.policy.fourEyes ? " (the four-eyes policy is on)" : " for ML engineers"}: ask another ML engineer or an admin to approve it on the Releases page, or to ship it.`
              : `Approved by ${approvedByOthers.map((approval) => approval.approver).join(", ")}.`}
          </Alert>
        ) : null}
        {failing.length > 0 ? (
          isAdmin ? (
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" checked={override} onChange={(event) => setOverride(event.target.checked)} />
              <span>
                Override the failing {failing.length === 1 ? "gate" : "gates"} ({failing.map((g) => g.name).join(", ")}
                ). The reason below is recorded in the ledger as the justification.
              </span>
            </label>
          ) : (
            <Alert tone="error" data-testid="blocked-note">
              {failing.length === 1 ? "A gate blocks" : `${failing.length} gates block`} this ship. Only an admin can
              override a failing gate, with a written justification.
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
        {ship.error ? (
          <Alert tone="error" data-testid="ship-error">
            {ship.error.message}
          </Alert>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" variant="ghost" disabled={ship.isPending} onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={!canConfirm}>
            {ship.isPending ? "Shipping…" : override ? `Override and ship arm ${variant}` : `Ship arm ${variant}`}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
