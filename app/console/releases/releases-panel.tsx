"use client";

import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { QueryView } from "@/components/console/query-view";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CreateReleaseForm } from "./create-release-form";
import { ProductionBar } from "./production-bar";
import { PromoteDialog } from "./promote-dialog";
import { ReleasesTable } from "./releases-table";
import { RollbackDialog } from "./rollback-dialog";
import type { Release } from "./types";

/** Picks up promotions made elsewhere (the CLI, another console) without a reload. */
const REFRESH_MS = 10_000;
/** While a shadow replay runs, its result is what the engineer is waiting for. */
const REPLAY_REFRESH_MS = 2_000;

export function ReleasesPanel() {
  const trpc = useTRPC();
  const releases = useQuery({
    ...trpc.releases.list.queryOptions(),
    refetchInterval: (query) =>
      query.state.data?.some((r) => r.shadow?.status === "queued" || r.shadow?.status === "running")
        ? REPLAY_REFRESH_MS
        : REFRESH_MS,
  });
  const metrics = useQuery({ ...trpc.releases.metrics.queryOptions(), refetchInterval: REFRESH_MS });
  const policy = useQuery(trpc.releases.policy.queryOptions());
  const timeline = useQuery({ ...trpc.releases.timeline.queryOptions(), refetchInterval: REFRESH_MS });
  const [creating, setCreating] = useState(false);
  const [dialog, setDialog] = useState<
    | { type: "promote"; release: Release; seen: Record<string, string> }
    | { type: "rollback"; production: string | null }
    | null
  >(null);
  const [done, setDone] = useState<string | null>(null);
  const createButton = useRef<HTMLButtonElement>(null);
  const closeCreate = () => {
    setCreating(false);
    createButton.current?.focus();
  };
  const finish = (message: string) => {
    setDialog(null);
    setDone(message);
  };

  return (
    <Card aria-labelledby="releases-title">
      <CardHeader>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div>
            <CardTitle id="releases-title">Releases</CardTitle>
            <CardDescription>Highest version first. Releases are immutable: a change is a new release.</CardDescription>
          </div>
          <Button
            ref={createButton}
            size="sm"
            variant={creating ? "ghost" : "default"}
            aria-expanded={creating}
            onClick={() => {
              setDone(null);
              setCreating((current) => !current);
            }}
          >
            {creating ? "Close" : "Create a release"}
          </Button>
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {done ? (
          <Alert tone="success" data-testid="release-done">
            {done}
          </Alert>
        ) : null}
        {creating ? (
          <div className="rounded-md border bg-muted/30 p-3">
            <CreateReleaseForm
              releases={releases.data ?? []}
              onDone={(message) => {
                setDone(message);
                closeCreate();
              }}
              onCancel={closeCreate}
            />
          </div>
        ) : null}
        {metrics.error ? <Alert tone="error">Live metrics could not be loaded: {metrics.error.message}</Alert> : null}
        {policy.error ? (
          <Alert tone="error">The promotion policy could not be loaded: {policy.error.message}</Alert>
        ) : null}
        <QueryView
          query={releases}
          empty={{
            title: "No release yet",
            body: "The first start registers what the environment configures as release 1.0.0.",
          }}
        >
          {(rows) => {
            const production = rows.find((row) => row.aliases.includes("production"))?.version ?? null;
            return (
              <>
                <ProductionBar
                  production={production}
                  policy={policy.data}
                  canRollBack={(timeline.data ?? []).some((move) => move.release !== production)}
                  onRollback={() => {
                    setDone(null);
                    setDialog({ type: "rollback", production });
                  }}
                />
                <ReleasesTable
                  rows={rows}
                  metrics={metrics.data ?? []}
                  policy={policy.data}
                  onPromote={(release) => {
                    setDone(null);
                    // What every alias is on now, as the page shows it: the moves compare against this.
                    const seen = Object.fromEntries(
                      rows.flatMap((row) => row.aliases.map((alias) => [alias, row.version])),
                    );
                    setDialog({ type: "promote", release, seen });
                  }}
                />
              </>
            );
          }}
        </QueryView>
        {dialog?.type === "promote" && policy.data ? (
          <PromoteDialog
            release={dialog.release}
            seen={dialog.seen}
            policy={policy.data}
            onClose={() => setDialog(null)}
            onDone={finish}
          />
        ) : null}
        {dialog?.type === "rollback" ? (
          <RollbackDialog
            production={dialog.production}
            timeline={timeline.data ?? []}
            onClose={() => setDialog(null)}
            onDone={finish}
          />
        ) : null}
      </CardContent>
    </Card>
  );
}
