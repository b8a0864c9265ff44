import { DataTable } from "@/components/console/data-table";
import type { AuditPair } from "./types";

/** What each part measures, and its weight in the pair's disparity (server/fairness, decision 017). */
const PARTS = [
  { key: "label", name: "Recommendation label", weight: 0.4 },
  { key: "amounts", name: "Amounts quoted", weight: 0.15 },
  { key: "rates", name: "Rates quoted", weight: 0.15 },
  { key: "sources", name: "Sources retrieved (1 − Jaccard)", weight: 0.15 },
  { key: "embedding", name: "Advice embedding (cosine distance)", weight: 0.15 },
] as const;

/** The pair's disparity taken apart: which of label, figures, sources and wording differed, and by how much. */
export function DisparityParts({ pair }: { pair: Pick<AuditPair, "parts" | "disparity"> }) {
  return (
    <div className="overflow-x-auto" data-testid="disparity-parts">
      <DataTable
        rows={PARTS}
        rowKey={(part) => part.key}
        rowProps={(part) => ({ "data-testid": `part-${part.key}`, "data-differs": pair.parts[part.key] > 0 })}
        columns={[
          { header: "What differed", cell: (part) => part.name },
          { header: "Distance (0–1)", cell: (part) => pair.parts[part.key].toFixed(3), className: "tabular-nums" },
          { header: "Weight", cell: (part) => part.weight, className: "tabular-nums" },
          {
            header: "Contribution",
            cell: (part) => (pair.parts[part.key] * part.weight).toFixed(3),
            className: "tabular-nums",
          },
        ]}
      />
      <p className="mt-1 text-sm">
        Disparity <span className="font-medium tabular-nums">{pair.disparity.toFixed(3)}</span> (the sum of the
        contributions).
      </p>
    </div>
  );
}
