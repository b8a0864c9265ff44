"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { DataTable } from "@/components/console/data-table";
import { formatDate } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";
import { PageHeader } from "@/components/console/states";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CreateKeyForm } from "./create-key-form";

export function PartnersView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.partners.list.queryOptions());
  const revoke = useMutation(
    trpc.partners.revoke.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.partners.list.queryKey() }),
    }),
  );

  return (
    <>
      <PageHeader
        title="Partners"
        description="API keys for partner integrations. Keys are shown once and stored hashed."
      />
      <div className="grid gap-4">
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
            {revoke.error ? (
              <Alert tone="error" className="mb-3">
                {revoke.error.message}
              </Alert>
            ) : null}
            <QueryView query={keys} empty={{ title: "No partner keys yet", body: "Create one above." }}>
              {(rows) => (
                <DataTable
                  rows={rows}
                  rowKey={(row) => row.id}
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
                            onClick={() => {
                              if (
                                window.confirm(
                                  `Revoke the key for ${row.name}? Integrations using it stop working at once.`,
                                )
                              ) {
                                revoke.mutate({ id: row.id, reason: "revoked from the console" });
                              }
                            }}
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
