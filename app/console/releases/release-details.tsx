"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Field } from "@/components/console/field";
import { formatDate } from "@/components/console/format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { GatesList } from "./gates-list";
import { ShadowSummary } from "./shadow-summary";
import type { PolicyView, Release } from "./types";
import { useRefreshReleases } from "./use-refresh-releases";

/** Under a release's row: its gates, its shadow replay, its approvals, and the actions that change them. */
export function ReleaseDetails({ release, policy }: { release: Release; policy: PolicyView | undefined }) {
  return (
    <div className="flex flex-col gap-4" data-testid={`details-${release.version}`}>
      <p className="text-sm">
        <span className="font-medium">Changelog:</span> {release.changelog}
      </p>
      <section aria-label={`Gates of ${release.version}`} className="flex flex-col gap-2">
        <h3 className="text-sm font-semibold">Gates</h3>
        <GatesList gates={release.gates} label={`Gate results of ${release.version}`} />
      </section>
      <ShadowSection release={release} />
      <ApprovalsSection release={release} policy={policy} />
    </div>
  );
}

function ShadowSection({ release }: { release: Release }) {
  const trpc = useTRPC();
  const refresh = useRefreshReleases();
  const request = useMutation(trpc.releases.requestShadowReplay.mutationOptions({ onSuccess: () => void refresh() }));
  const running = release.shadow?.status === "queued" || release.shadow?.status === "running";
  return (
    <section aria-label={`Shadow replay of ${release.version}`} className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold">Shadow replay</h3>
        <Button
          variant="outline"
          size="sm"
          disabled={request.isPending || running}
          onClick={() => request.mutate({ version: release.version })}
        >
          {request.isPending ? "Requesting…" : running ? "Replay running…" : "Request shadow replay"}
        </Button>
      </div>
      {request.data ? (
        <Alert tone="success">
          Shadow replay #{request.data.replayId} queued: the worker replays recent production questions through{" "}
          {release.version}; the result appears here.
        </Alert>
      ) : null}
      {request.error ? <Alert tone="error">{request.error.message}</Alert> : null}
      <ShadowSummary shadow={release.shadow} />
    </section>
  );
}

function ApprovalsSection({ release, policy }: { release: Release; policy: PolicyView | undefined }) {
  const trpc = useTRPC();
  const refresh = useRefreshReleases();
  const [note, setNote] = useState("");
  const approve = useMutation(
    trpc.releases.approve.mutationOptions({
      onSuccess: () => {
        setNote("");
        void refresh();
      },
    }),
  );
  const mine = policy && release.approvals.some((approval) => approval.approver === policy.you.email);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!approve.isPending) approve.mutate({ version: release.version, note: note.trim() || undefined });
  };
  return (
    <section aria-label={`Approvals of ${release.version}`} className="flex flex-col gap-2">
      <h3 className="text-sm font-semibold">Approvals</h3>
      <p className="text-xs text-muted-foreground">
        Moving production takes an admin, or an ML engineer whose release someone else approved
        {policy?.policy.fourEyes ? " (four-eyes is on: admins need an approval too)" : ""}. An approval holds for this
        exact composition.
      </p>
      {release.approvals.length ? (
        <ul className="flex flex-col gap-1 text-sm" data-testid="approvals">
          {release.approvals.map((approval) => (
            <li key={approval.approver}>
              Approved by {approval.approver} on {formatDate(approval.at)}
              {approval.note ? `: ${approval.note}` : ""}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">Not approved yet.</p>
      )}
      {mine ? null : (
        <form aria-label={`Approve ${release.version}`} onSubmit={submit} className="flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1">
            <Field label="Approval note (optional)">
              {(id) => <Input id={id} value={note} onChange={(event) => setNote(event.target.value)} />}
            </Field>
          </div>
          <Button type="submit" size="sm" variant="outline" disabled={approve.isPending}>
            {approve.isPending ? "Approving…" : `Approve ${release.version}`}
          </Button>
        </form>
      )}
      {approve.error ? <Alert tone="error">{approve.error.message}</Alert> : null}
    </section>
  );
}
