"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { DataTable } from "@/components/console/data-table";
import { formatDate } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";
import { PageHeader } from "@/components/console/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
// The index actions' reason form: the same rule (3 to 500 characters) and keys (Enter, Escape).
import { ActionForm } from "../index/action-form";
import { CreateKeyForm } from "./create-key-form";
import { LimitForm } from "./limit-form";
import { UsageChart, type UsageRange } from "./usage-chart";

const UNIT_NAMES: Record<number, string> = { 1: "s", 60: "m", 3600: "h" };
/** A limit as the CLI writes it: `100/m`. */
const formatLimit = ({ points, seconds }: { points: number; seconds: number }) =>
  `${points}/${UNIT_NAMES[seconds] ?? `${seconds}s`}`;

export function PartnersView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.partners.list.queryOptions());
  // The key whose revocation or limit form is open, under its row (one at a time).
  const [revoking, setRevoking] = useState<string | null>(null);
  const [limiting, setLimiting] = useState<string | null>(null);
  // The key whose usage the chart shows, and over which range.
  const [charted, setCharted] = useState<string | null>(null);
  const [range, setRange] = useState<UsageRange>("24h");
  const revoke = useMutation(
    trpc.partners.revoke.mutationOptions({
      onSuccess: () => {
        setRevoking(null);
        void queryClient.invalidateQueries({ queryKey: trpc.partners.list.queryKey() });
      },
    }),
  );
  // Escape or Cancel puts the keyboard back on the Revoke button that opened the form.
  const opener = useRef<HTMLElement | null>(null);
  const open = (id: string) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    revoke.reset();
    setLimiting(null);
    setRevoking(id);
  };
  const cancel = () => {
    revoke.reset();
    setRevoking(null);
    setLimiting(null);
    opener.current?.focus();
  };
  const openLimit = (id: string) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setRevoking(null);
    setLimiting(id);
  };

  const chartedKey = keys.data?.find((row) => row.id === charted);

  return (
    <>
      <PageHeader
        title="Partners"
        description="API keys for partner integrations. Keys are shown once and stored hashed."
      />
      {/* One column that may be narrower than its content (grid-cols-1 is minmax(0, 1fr)): a wide
          table scrolls inside its card instead of stretching the page past the window. */}
      <div className="grid grid-cols-1 gap-4">
        <Card>
          <CardHeader>
            <CardTitle>New key</CardTitle>
            <CardDescription>Give each partner its own key with only the scopes it needs.</CardDescription>
          </CardHeader>
          <CardContent>
            <CreateKeyForm />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Keys</CardTitle>
          </CardHeader>
          <CardContent>
            <QueryView query={keys} empty={{ title: "No partner keys yet", body: "Create one above." }}>
              {(rows) => (
                <DataTable
                  rows={rows}
                  rowKey={(row) => row.id}
                  detail={(row) =>
                    limiting === row.id ? (
                      <LimitForm
                        keyId={row.id}
                        partnerName={row.name}
                        current={row.rateLimit}
                        onDone={cancel}
                        onCancel={cancel}
                      />
                    ) : revoking === row.id ? (
                      <ActionForm
                        name={`Revoke the key for ${row.name}`}
                        title="Integrations using this key stop working at once. Why is it revoked?"
                        submitLabel="Revoke key"
                        pendingLabel="Revoking…"
                        pending={revoke.isPending}
                        error={revoke.error?.message ?? null}
                        onSubmit={(reason) => revoke.mutate({ id: row.id, reason })}
                        onCancel={cancel}
                      />
                    ) : null
                  }
                  detailClassName="bg-muted/30 py-3"
                  columns={[
                    { header: "Partner", className: "font-medium", cell: (row) => row.name },
                    { header: "Key", cell: (row) => <code>apfa_{row.prefix}_…</code> },
                    {
                      header: "Scopes",
                      className: "flex flex-wrap gap-1",
                      cell: (row) => row.scopes.map((scope) => <Badge key={scope}>{scope}</Badge>),
                    },
                    {
                      header: "Rate limit",
                      cell: (row) => (
                        <span data-testid="rate-limit">
                          <code>{formatLimit(row.effectiveRateLimit)}</code>
                          {row.rateLimit ? null : <span className="text-muted-foreground"> (default)</span>}
                        </span>
                      ),
                    },
                    { header: "Last used", cell: (row) => formatDate(row.lastUsedAt) },
                    {
                      header: "Status",
                      cell: (row) =>
                        row.revokedAt ? <Badge tone="bad">revoked</Badge> : <Badge tone="good">active</Badge>,
                    },
                    {
                      header: <span className="sr-only">Actions</span>,
                      className: "text-right",
                      cell: (row) => (
                        <div className="flex justify-end gap-2">
                          <Button
                            variant="outline"
                            size="sm"
                            aria-pressed={charted === row.id}
                            aria-label={`Usage of ${row.name}`}
                            onClick={() => setCharted(charted === row.id ? null : row.id)}
                          >
                            Usage
                          </Button>
                          {row.revokedAt ? null : (
                            <>
                              <Button
                                variant="outline"
                                size="sm"
                                aria-expanded={limiting === row.id}
                                aria-label={`Change the rate limit of ${row.name}`}
                                onClick={() => (limiting === row.id ? cancel() : openLimit(row.id))}
                              >
                                Limit
                              </Button>
                              <Button
                                variant="outline"
                                size="sm"
                                disabled={revoke.isPending}
                                aria-expanded={revoking === row.id}
                                onClick={() => (revoking === row.id ? cancel() : open(row.id))}
                              >
                                Revoke
                              </Button>
                            </>
                          )}
                        </div>
                      ),
                    },
                  ]}
                />
              )}
            </QueryView>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Usage</CardTitle>
            <CardDescription>Calls per key and outcome: ok, refused by its rate limit, or failed.</CardDescription>
          </CardHeader>
          <CardContent>
            {chartedKey ? (
              <UsageChart keyId={chartedKey.id} partnerName={chartedKey.name} range={range} onRangeChange={setRange} />
            ) : (
              <p className="text-sm text-muted-foreground" data-testid="usage-none">
                Choose Usage on a key to see its calls over the last 24 hours or 7 days.
              </p>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
