"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { DataTable } from "@/components/console/data-table";
import { formatDate, formatNumber } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatAge } from "./format";
import type { FleetInstance } from "./types";
import { VersionCode } from "./version-code";

const REFRESH_MS = 3_000;

/** Which version each web instance serves: after a promotion or rollback, watch them follow. */
export function FleetPanel() {
  const trpc = useTRPC();
  const fleet = useQuery({ ...trpc.index.fleet.queryOptions(), refetchInterval: REFRESH_MS });
  const activeVersion = useQuery({
    ...trpc.index.versions.queryOptions(),
    select: (rows) => rows.find((row) => row.active)?.version ?? null,
  }).data;

  return (
    <Card aria-labelledby="index-fleet-title">
      <CardHeader>
        <CardTitle id="index-fleet-title">Fleet</CardTitle>
        <CardDescription>
          Web instances and the index each one serves, from their swap acks and heartbeats. Refreshed every{" "}
          {REFRESH_MS / 1000} s.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <QueryView
          query={fleet}
          empty={{
            title: "No web instance has reported yet",
            body: "Instances report the index they serve when they start and every few seconds after.",
          }}
        >
          {(instances) => (
            <>
              <FleetSummary instances={instances} activeVersion={activeVersion} />
              <DataTable
                rows={instances}
                rowKey={(instance) => instance.instance}
                rowProps={(instance) => ({ "data-testid": "fleet-instance", "data-live": instance.live })}
                columns={[
                  { header: "Instance", cell: (instance) => <code className="text-xs">{instance.instance}</code> },
                  {
                    header: "Serves",
                    className: "whitespace-nowrap",
                    cell: (instance) => (
                      <>
                        <VersionCode version={instance.version} />{" "}
                        <ServesActive version={instance.version} activeVersion={activeVersion} />
                      </>
                    ),
                  },
                  { header: "Last load", cell: (instance) => `${formatNumber(instance.loadMs)} ms` },
                  {
                    header: "Last seen",
                    className: "whitespace-nowrap",
                    cellProps: (instance) => ({ title: formatDate(instance.at) }),
                    cell: (instance) => formatAge(instance.at, fleet.dataUpdatedAt),
                  },
                  {
                    header: "Status",
                    cell: (instance) =>
                      instance.live ? (
                        <Badge tone="good">live</Badge>
                      ) : (
                        <Badge tone="warn" title="No heartbeat within three reconcile intervals">
                          stale
                        </Badge>
                      ),
                  },
                  {
                    header: "Last swap",
                    className: "max-w-sm",
                    cell: (instance) =>
                      instance.ok ? (
                        <span className="text-muted-foreground">ok</span>
                      ) : (
                        <span className="text-red-800">{instance.error ?? "failed"}</span>
                      ),
                  },
                ]}
              />
            </>
          )}
        </QueryView>
      </CardContent>
    </Card>
  );
}

function ServesActive({ version, activeVersion }: { version: string; activeVersion: string | null | undefined }) {
  if (activeVersion === undefined) return null;
  return version === activeVersion ? (
    <Badge tone="good" data-testid="serves-active">
      active
    </Badge>
  ) : (
    <Badge tone="warn" data-testid="serves-active">
      not active
    </Badge>
  );
}

function FleetSummary({
  instances,
  activeVersion,
}: {
  instances: FleetInstance[];
  activeVersion: string | null | undefined;
}) {
  const live = instances.filter((instance) => instance.live);
  const following = live.filter((instance) => instance.version === activeVersion);
  const failed = live.filter((instance) => !instance.ok);
  return (
    <p className="text-sm" data-testid="fleet-summary">
      Live instances serving the active version: {following.length} of {live.length}
      {failed.length > 0 ? <span className="text-red-800">; {failed.length} failed their last swap</span> : null}.
    </p>
  );
}
