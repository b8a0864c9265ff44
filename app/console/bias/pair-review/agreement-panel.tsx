"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { DataTable } from "@/components/console/data-table";
import { QueryView } from "@/components/console/query-view";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { AgreementFigures } from "./types";

type Row = AgreementFigures & { key: string; label: string; release: string | null };

const kappa = (value: number | null) => (value === null ? "—" : value.toFixed(3));
const percent = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(1)}%`);

/** Cohen's kappa for each two reviewers who judged pairs in common (one line when there are two reviewers). */
function CohenList({ row }: { row: Row }) {
  if (row.cohen.length === 0) return <span className="text-muted-foreground">—</span>;
  return (
    <ul className="flex flex-col gap-0.5 text-xs">
      {row.cohen.map((pair) => (
        <li key={pair.raters.join(" ")} data-testid="cohen">
          {pair.raters.join(" · ")}: κ {kappa(pair.kappa)}, {percent(pair.percentAgreement)}, n {pair.n}
        </li>
      ))}
    </ul>
  );
}

/**
 * How far reviewers agree on the pairs they judged blind, per audit and over all: Fleiss' kappa over
 * pairs judged twice or more (n), percent agreement, Cohen's kappa per two reviewers, and reviewers
 * against the audit's own verdict. A kappa is "—" when it cannot be told: no pair judged twice, or
 * every judgement the same (chance agreement is then 1).
 */
export function AgreementPanel() {
  const trpc = useTRPC();
  const report = useQuery(trpc.fairnessAudits.pairAgreement.queryOptions());
  return (
    <Card aria-labelledby="agreement-title">
      <CardHeader>
        <CardTitle id="agreement-title">Agreement between reviewers</CardTitle>
        <CardDescription>
          Fleiss&apos; kappa over the pairs at least two reviewers judged (n), raw percent agreement, Cohen&apos;s kappa
          for each two reviewers, and how often reviewers agree with the audit&apos;s own verdict (material when a
          pair&apos;s disparity exceeds the audit&apos;s threshold). 1 is perfect agreement, 0 what chance gives.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <QueryView
          query={report}
          isEmpty={(data) => data.audits.length === 0}
          empty={{ title: "No pair judged yet", body: "Agreement appears once reviewers have judged pairs." }}
        >
          {(data) => {
            const rows: Row[] = [
              ...data.audits.map((audit) => ({
                ...audit,
                key: String(audit.auditId),
                label: `#${audit.auditId}`,
                release: audit.release,
              })),
              { ...data.overall, key: "overall", label: "All audits", release: null },
            ];
            return (
              <div className="overflow-x-auto">
                <DataTable
                  rows={rows}
                  rowKey={(row) => row.key}
                  rowProps={(row) => ({
                    "data-testid": `agreement-${row.key}`,
                    className: row.key === "overall" ? "font-medium" : undefined,
                  })}
                  columns={[
                    { header: "Audit", cell: (row) => row.label },
                    { header: "Release", cell: (row) => (row.release ? <code>{row.release}</code> : "—") },
                    { header: "Pairs judged", cell: (row) => `${row.pairsJudged} of ${row.pairs}` },
                    { header: "Reviewers", cell: (row) => row.raters },
                    {
                      header: "n (judged ≥ 2×)",
                      cell: (row) => row.fleiss.n,
                      cellProps: () => ({ "data-testid": "agreement-n" }),
                    },
                    {
                      header: "Agreement",
                      cell: (row) => percent(row.fleiss.percentAgreement),
                      cellProps: () => ({ "data-testid": "percent-agreement" }),
                    },
                    {
                      header: "Fleiss κ",
                      cell: (row) => kappa(row.fleiss.kappa),
                      className: "tabular-nums",
                      cellProps: () => ({ "data-testid": "fleiss-kappa" }),
                    },
                    { header: "Cohen κ (per two reviewers)", cell: (row) => <CohenList row={row} /> },
                    {
                      header: "Reviewers vs the audit",
                      cell: (row) =>
                        `${percent(row.automatic.percentAgreement)}, κ ${kappa(row.automatic.kappa)}, n ${row.automatic.n}`,
                      cellProps: () => ({ "data-testid": "versus-audit" }),
                    },
                  ]}
                />
              </div>
            );
          }}
        </QueryView>
      </CardContent>
    </Card>
  );
}
