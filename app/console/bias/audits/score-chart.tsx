"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ErrorBar,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { VERDICT_COLORS } from "../../experiments/chart-colors";
import { ATTRIBUTES, SWAP_LABELS } from "./swaps";
import type { AuditSummary } from "./types";

interface ScorePoint {
  label: string;
  score: number;
  /** Distances from the score down to its interval's low end and up to its high end. */
  interval: [number, number];
  text: string;
  passed: boolean;
}

const fixed = (value: number) => value.toFixed(3);

function scorePoints(summary: AuditSummary): ScorePoint[] {
  return ATTRIBUTES.map((attribute) => {
    const { score, ci, passed } = summary.attributes[attribute];
    return {
      label: SWAP_LABELS[attribute],
      score,
      interval: [score - ci[0], ci[1] - score],
      text: `${fixed(score)} [${fixed(ci[0])}, ${fixed(ci[1])}]`,
      passed,
    };
  });
}

/** Score per attribute (disparity over the controls' baseline) with its 95 % interval, against the threshold. */
export function ScoreChart({ summary, threshold }: { summary: AuditSummary; threshold: number | null }) {
  const points = scorePoints(summary);
  return (
    <div
      role="img"
      aria-label={`Score by attribute, 95 % interval, threshold ${threshold ?? "unknown"}: ${points
        .map((p) => `${p.label} ${p.text}`)
        .join("; ")}`}
      data-testid="score-chart"
      data-points={points.length}
      className="w-full"
    >
      <ResponsiveContainer width="100%" height={60 + points.length * 40}>
        <BarChart data={points} layout="vertical" margin={{ top: 16, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={(value: number) => value.toFixed(2)} domain={["auto", "auto"]} />
          <YAxis type="category" dataKey="label" width={130} tick={{ fontSize: 12 }} />
          <ReferenceLine x={0} stroke="currentColor" />
          {threshold !== null ? (
            <ReferenceLine
              x={threshold}
              // Scores far under the threshold would otherwise leave its line off the chart.
              ifOverflow="extendDomain"
              stroke={VERDICT_COLORS.worse}
              strokeDasharray="6 3"
              label={{ value: `threshold ${threshold}`, position: "top", fontSize: 12 }}
            />
          ) : null}
          <Tooltip formatter={(_value, _name, item) => [(item.payload as ScorePoint).text, "score [95 % CI]"]} />
          <Bar dataKey="score" isAnimationActive={false} barSize={14}>
            {points.map((point) => (
              <Cell key={point.label} fill={point.passed ? VERDICT_COLORS.better : VERDICT_COLORS.worse} />
            ))}
            <ErrorBar dataKey="interval" direction="x" width={6} stroke="currentColor" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
