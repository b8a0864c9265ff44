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

export function PartnersView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.partners.list.queryOptions());
  // The key whose revocation form is open, under its row.
  const [revoking, setRevoking] = useState<string | null>(null);
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
    setRevoking(id);
  };
  const cancel = () => {
    revoke.reset();
    setRevoking(null);
    opener.current?.focus();
  };

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
                    revoking === row.id ? (
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
                    { header: "Last used", cell: (row) => formatDate(row.lastUsedAt) },
                    {
                      header: "Status",
                      cell: (row) =>
                        row.revokedAt ? <Badge tone="bad">revoked</Badge> : <Badge tone="good">active</Badge>,
                    },
                    {
                      header: <span className="sr-only">Actions</span>,
                      className: "text-right",
                      cell: (row) =>
                        row.revokedAt ? null : (
                          <Button
                            variant="outline"
                            size="sm"
                            disabled={revoke.isPending}
                            aria-expanded={revoking === row.id}
                            onClick={() => (revoking === row.id ? cancel() : open(row.id))}
                          >
                            Revoke
                          </Button>
                        ),
                    },
                  ]}
                />
              )}
            </QueryView>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
