"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Field } from "@/components/console/field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useRefreshAudits } from "./use-refresh-audits";

const select = "h-9 w-full rounded-md border bg-background px-2 text-sm";

/**
 * Asks the worker to audit a release's current composition (production preselected). A request
 * while the same composition is already being audited joins that audit instead of repeating it.
 */
export function RunAuditForm({ onQueued }: { onQueued: (auditId: number) => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshAudits();
  const releases = useQuery(trpc.releases.list.queryOptions());
  const [chosen, setChosen] = useState<string | null>(null);
  const production = releases.data?.find((release) => release.aliases.includes("production"))?.version;
  const release = chosen ?? production ?? releases.data?.[0]?.version ?? "";
  const request = useMutation(
    trpc.fairnessAudits.request.mutationOptions({
      onSuccess: (result) => {
        void refresh();
        onQueued(result.auditId);
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (release && !request.isPending) request.mutate({ release });
  };
  return (
    <form aria-label="Run an audit" onSubmit={submit} className="flex flex-col gap-2">
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-48 flex-1">
          <Field label="Release to audit">
            {(id) => (
              <select
                id={id}
                value={release}
                onChange={(event) => setChosen(event.target.value)}
                className={select}
                disabled={!releases.data}
              >
                {(releases.data ?? [])
                  .filter((row) => !row.archived)
                  .map((row) => (
                    <option key={row.version} value={row.version}>
                      {row.version}
                      {row.aliases.length ? ` (${row.aliases.join(", ")})` : ""}
                    </option>
                  ))}
              </select>
            )}
          </Field>
        </div>
        <Button type="submit" disabled={!release || request.isPending}>
          {request.isPending ? "Requesting…" : "Run audit"}
        </Button>
      </div>
      {releases.error ? <Alert tone="error">The releases could not be loaded: {releases.error.message}</Alert> : null}
      {request.error ? <Alert tone="error">{request.error.message}</Alert> : null}
      {request.data ? (
        <Alert tone="success" data-testid="audit-queued">
          {request.data.joined
            ? `Audit #${request.data.auditId} of ${request.variables.release} is already under way: following it.`
            : `Audit #${request.data.auditId} of ${request.variables.release} queued: the worker answers every case and its variants.`}
        </Alert>
      ) : null}
    </form>
  );
}
