"use client";

import { useQuery } from "@tanstack/react-query";
import { useRef, useState, type ReactNode } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { formatDate, formatNumber } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ActionForm } from "./action-form";
import { shortVersion } from "./format";
import type { IndexVersion } from "./types";
import { useVersionAction, type VersionAction } from "./use-index-actions";
import { VersionCode } from "./version-code";
import { MIN_RECALL, VersionsTable } from "./versions-table";

/** Picks up promotions made elsewhere (the CLI, another console) without a reload. */
const REFRESH_MS = 15_000;

export function VersionsPanel() {
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.index.versions.queryOptions(), refetchInterval: REFRESH_MS });
  const [open, setOpen] = useState<VersionAction | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const action = useVersionAction((message) => {
    setOpen(null);
    setDone(message);
  });
  // Escape or Cancel puts the keyboard back on the button that opened the form.
  const opener = useRef<HTMLElement | null>(null);
  const start = (next: VersionAction) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    action.reset();
    setDone(null);
    setOpen(next);
  };
  const cancel = () => {
    action.reset();
    setOpen(null);
    opener.current?.focus();
  };
  const form = (target: VersionAction) => (
    <ActionForm
      // A new target starts a fresh form: its own empty reason, focused.
      key={`${target.type}:${target.version ?? "previous"}`}
      {...formText(target)}
      pending={action.pending}
      error={action.error}
      onSubmit={(reason) => action.run(target, reason)}
      onCancel={cancel}
    />
  );

  return (
    <Card aria-labelledby="index-versions-title">
      <CardHeader>
        <CardTitle id="index-versions-title">Index versions</CardTitle>
        <CardDescription>
          Every version built from the corpus. Promotion needs recall@5 ≥ {MIN_RECALL} against exact search; a rollback
          republishes an earlier version without rebuilding.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {done ? <Alert tone="success">{done}</Alert> : null}
        <QueryView
          query={query}
          empty={{ title: "No index built yet", body: "Build one below; it appears here once built." }}
        >
          {(rows) => (
            <>
              <ActiveVersion rows={rows} busy={action.pending} onRollback={() => start({ type: "rollback" })} />
              {open?.type === "rollback" && !open.version ? form(open) : null}
              <VersionsTable
                rows={rows}
                busy={action.pending}
                onAction={start}
                formFor={(version) => (open && open.version === version ? form(open) : null)}
              />
            </>
          )}
        </QueryView>
      </CardContent>
    </Card>
  );
}

/** What serves queries now, and the one-click way back to what served them before. */
function ActiveVersion({ rows, busy, onRollback }: { rows: IndexVersion[]; busy: boolean; onRollback: () => void }) {
  const active = rows.find((row) => row.active);
  const previous = rows.find((row) => row.previousActive);
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 rounded-md border p-3 text-sm">
      {active ? (
        <p>
          Active:{" "}
          <span data-testid="active-version">
            <VersionCode version={active.version} copy />
          </span>{" "}
          {active.kind}, {formatNumber(active.vectors)} vectors, since {formatDate(active.activatedAt)}
        </p>
      ) : (
        <p className="font-medium text-red-800">No active version: advice cannot search until one is promoted.</p>
      )}
      <span title={previous ? undefined : "No earlier active version to roll back to"} className="inline-flex">
        <Button variant="outline" size="sm" disabled={busy || !previous} onClick={onRollback}>
          Roll back to previous{previous ? ` (${shortVersion(previous.version)})` : ""}
        </Button>
      </span>
    </div>
  );
}

function formText(action: VersionAction): {
  name: string;
  title: ReactNode;
  submitLabel: string;
  pendingLabel: string;
} {
  switch (action.type) {
    case "validate":
      return {
        name: `Validate ${shortVersion(action.version)}`,
        title: "Measure its recall@5 against exact search (a background job).",
        submitLabel: "Validate",
        pendingLabel: "Queuing…",
      };
    case "promote":
      return {
        name: `Promote ${shortVersion(action.version)}`,
        title: "Make it the active version: every web instance switches to it.",
        submitLabel: "Promote",
        pendingLabel: "Promoting…",
      };
    case "rollback":
      return {
        name: action.version ? `Roll back to ${shortVersion(action.version)}` : "Roll back to previous",
        title: action.version
          ? "Make this earlier version active again: every web instance switches back to it."
          : "Make the previously active version active again: every web instance switches back to it.",
        submitLabel: "Roll back",
        pendingLabel: "Rolling back…",
      };
  }
}
