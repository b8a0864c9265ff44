"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { formatDate } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";
import { PageHeader } from "@/components/console/states";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
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
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHead>Partner</TableHead>
                      <TableHead>Key</TableHead>
                      <TableHead>Scopes</TableHead>
                      <TableHead>Last used</TableHead>
                      <TableHead>Status</TableHead>
                      <TableHead>
                        <span className="sr-only">Actions</span>
                      </TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {rows.map((row) => (
                      <TableRow key={row.id}>
                        <TableCell className="font-medium">{row.name}</TableCell>
                        <TableCell>
                          <code>apfa_{row.prefix}_…</code>
                        </TableCell>
                        <TableCell className="flex flex-wrap gap-1">
                          {row.scopes.map((scope) => (
                            <Badge key={scope}>{scope}</Badge>
                          ))}
                        </TableCell>
                        <TableCell>{formatDate(row.lastUsedAt)}</TableCell>
                        <TableCell>
                          {row.revokedAt ? <Badge tone="bad">revoked</Badge> : <Badge tone="good">active</Badge>}
                        </TableCell>
                        <TableCell className="text-right">
                          {row.revokedAt ? null : (
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
                          )}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </QueryView>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
