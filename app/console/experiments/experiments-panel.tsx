"use client";

import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { QueryView } from "@/components/console/query-view";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CreateExperimentForm } from "./create-experiment-form";
import { ExperimentResults } from "./experiment-results";
import { ExperimentsTable } from "./experiments-table";
import { ShipDialog } from "./ship-dialog";
import { StatusDialog } from "./status-dialog";
import type { Experiment, Results } from "./types";

/** Picks up starts, stops and guardrail stops made elsewhere (the CLI, the worker) without a reload. */
const REFRESH_MS = 10_000;

/** The experiments, a form to create one, start/stop, and the chosen one's live results. */
export function ExperimentsPanel() {
  const trpc = useTRPC();
  const experiments = useQuery({ ...trpc.experiments.list.queryOptions(), refetchInterval: REFRESH_MS });
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<
    { type: "status"; experiment: Experiment; change: "start" | "stop" } | { type: "ship"; results: Results } | null
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
    <div className="grid grid-cols-1 gap-4">
      <Card aria-labelledby="experiments-title">
        <CardHeader>
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div>
              <CardTitle id="experiments-title">Experiments</CardTitle>
              <CardDescription>
                Oldest first. Users are split between releases as GrowthBook&apos;s SDKs would split them.
              </CardDescription>
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
              {creating ? "Close" : "Create an experiment"}
            </Button>
          </div>
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          {done ? (
            <Alert tone="success" data-testid="experiment-done">
              {done}
            </Alert>
          ) : null}
          {creating ? (
            <div className="rounded-md border bg-muted/30 p-3">
              <CreateExperimentForm
                onDone={(key) => {
                  setDone(`Created experiment ${key} (draft). Start it when its releases are ready.`);
                  setSelected(key);
                  closeCreate();
                }}
                onCancel={closeCreate}
              />
            </div>
          ) : null}
          <QueryView
            query={experiments}
            empty={{
              title: "No experiments yet",
              body: "Create one here, or with npm run cli -- experiments create --key K --variants <release>,<release>.",
            }}
          >
            {(rows) => (
              <ExperimentsTable
                rows={rows}
                selected={selected}
                onSelect={setSelected}
                onChangeStatus={(experiment, change) => {
                  setDone(null);
                  setDialog({ type: "status", experiment, change });
                }}
              />
            )}
          </QueryView>
        </CardContent>
      </Card>
      {selected ? (
        <ExperimentResults
          key={selected}
          experimentKey={selected}
          onShip={(results) => {
            setDone(null);
            setDialog({ type: "ship", results });
          }}
        />
      ) : null}
      {dialog?.type === "status" ? (
        <StatusDialog
          experiment={dialog.experiment}
          change={dialog.change}
          onClose={() => setDialog(null)}
          onDone={finish}
        />
      ) : null}
      {dialog?.type === "ship" ? (
        <ShipDialog results={dialog.results} onClose={() => setDialog(null)} onDone={finish} />
      ) : null}
    </div>
  );
}
