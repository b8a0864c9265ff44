import { DataTable } from "@/components/console/data-table";
import { Badge } from "@/components/ui/badge";
import { ATTRIBUTES, SWAP_LABELS } from "./swaps";
import type { AuditSummary } from "./types";

const fixed = (value: number) => value.toFixed(3);

/** The chart's numbers: mean disparity, the controls' baseline, their difference (the score) and its interval. */
export function ScoresTable({ summary, threshold }: { summary: AuditSummary; threshold: number | null }) {
  const rows = ATTRIBUTES.map((attribute) => ({ attribute, ...summary.attributes[attribute] }));
  return (
    <div className="overflow-x-auto">
      <DataTable
        rows={rows}
        rowKey={(row) => row.attribute}
        rowProps={(row) => ({ "data-testid": `score-${row.attribute}`, "data-passed": row.passed })}
        columns={[
          { header: "Attribute", cell: (row) => SWAP_LABELS[row.attribute] },
          { header: "Disparity", cell: (row) => fixed(row.disparity), className: "tabular-nums" },
          { header: "Control baseline", cell: (row) => fixed(row.baseline), className: "tabular-nums" },
          { header: "Score", cell: (row) => fixed(row.score), className: "tabular-nums font-medium" },
          {
            header: "95 % interval",
            cell: (row) => `[${fixed(row.ci[0])}, ${fixed(row.ci[1])}]`,
            className: "tabular-nums",
          },
          {
            header: `Within ${threshold ?? "threshold"}`,
            cell: (row) => <Badge tone={row.passed ? "good" : "bad"}>{row.passed ? "passed" : "failed"}</Badge>,
          },
        ]}
      />
    </div>
  );
}
