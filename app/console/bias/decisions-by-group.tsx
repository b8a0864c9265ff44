"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { DataTable } from "@/components/console/data-table";
import { formatNumber } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";
import { Badge } from "@/components/ui/badge";

const percent = (value: number) => `${formatNumber(value * 100, 1)}%`;

/**
 * Favorable answers ("proceed") per self-declared group, per release: the selection rate of each
 * group and its ratio to the most favoured group's, flagged under four fifths.
 */
export function DecisionsByGroup() {
  const trpc = useTRPC();
  const decisions = useQuery(trpc.bias.decisionsByGroup.queryOptions());
  return (
    <section aria-labelledby="decisions-by-group" className="mt-8 flex flex-col gap-3">
      <div>
        <h2 id="decisions-by-group" className="text-lg font-semibold">
          Decisions by group
        </h2>
        <p className="text-sm text-muted-foreground">
          Per release, how often borrowers who stated a group got a favorable answer (the advice said to proceed).
          Disparate impact is a group&apos;s rate over the most favoured group&apos;s; below 0.8 fails the four-fifths
          rule.
        </p>
      </div>
      <QueryView
        query={decisions}
        empty={{
          title: "No decisions by group yet",
          body: "Counts appear once borrowers who stated a group in their profile have been answered.",
        }}
      >
        {(releases) => (
          <div className="flex flex-col gap-6">
            {releases.map((release) => (
              <div key={release.release} data-testid={`decisions-${release.release}`} className="flex flex-col gap-3">
                <h3 className="font-medium">
                  Release <code>{release.release}</code>
                </h3>
                {release.attributes.map((attribute) => (
                  <div key={attribute.attribute} data-testid={`decisions-${release.release}-${attribute.attribute}`}>
                    <h4 className="text-sm font-medium">{attribute.label}</h4>
                    <DataTable
                      rows={attribute.groups}
                      rowKey={(row) => row.group}
                      rowProps={(row) => ({ "data-testid": `group-${attribute.attribute}-${row.group}` })}
                      columns={[
                        {
                          header: "Group",
                          cell: (row) => (
                            <>
                              {row.label} {row.isReference ? <Badge>reference</Badge> : null}
                            </>
                          ),
                        },
                        {
                          header: "Favorable / answers",
                          cell: (row) => `${row.favorable} / ${row.total}`,
                          cellProps: () => ({ "data-testid": "counts" }),
                        },
                        { header: "Selection rate", cell: (row) => percent(row.selectionRate) },
                        {
                          header: "Disparate impact",
                          cell: (row) => (row.disparateImpact === null ? "—" : formatNumber(row.disparateImpact, 3)),
                        },
                        {
                          header: "Four-fifths",
                          cell: (row) =>
                            row.disparateImpact === null ? (
                              "—"
                            ) : row.fourFifthsFlag ? (
                              <Badge tone="bad">below 0.8</Badge>
                            ) : (
                              <Badge tone="good">passes</Badge>
                            ),
                        },
                      ]}
                    />
                  </div>
                ))}
              </div>
            ))}
          </div>
        )}
      </QueryView>
    </section>
  );
}
