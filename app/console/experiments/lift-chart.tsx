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
import { VERDICT_COLORS } from "./chart-colors";
import { metricLabel, signedPercent } from "./format";
import type { MetricResult } from "./types";

interface LiftPoint {
  label: string;
  /** Lift in percent. */
  lift: number;
  /** Distances from the lift down to the interval's low end and up to its high end, in percent. */
  interval: [number, number];
  text: string;
  verdict: keyof typeof VERDICT_COLORS;
}

/** Lift as a bar from zero with its 95 % interval as an error bar; better or worse only when the interval excludes zero. */
function liftPoints(metrics: MetricResult[]): LiftPoint[] {
  return metrics.flatMap((metric) =>
    metric.vsControl.flatMap((comparison) => {
      if (comparison.status !== "ok") return [];
      const [low, high] = comparison.ci;
      const excludesZero = low > 0 || high < 0;
      const up = comparison.lift > 0 === metric.higherIsBetter;
      return [
        {
          label: `${metricLabel(metric.name)} · arm ${comparison.arm}`,
          lift: comparison.lift * 100,
          interval: [(comparison.lift - low) * 100, (high - comparison.lift) * 100],
          text: `${signedPercent(comparison.lift)} [${signedPercent(low)}, ${signedPercent(high)}]`,
          verdict: !excludesZero ? "unclear" : up ? "better" : "worse",
        },
      ];
    }),
  );
}

/** Relative lift against control, per metric and treatment arm, with 95 % intervals around zero. */
export function LiftChart({ metrics }: { metrics: MetricResult[] }) {
  const points = liftPoints(metrics);
  if (points.length === 0) {
    return (
      <p className="text-sm text-muted-foreground" data-testid="lift-chart-empty">
        No lift to chart yet: every metric still needs more data in both arms.
      </p>
    );
  }
  return (
    <div
      role="img"
      aria-label={`Lift against control: ${points.map((p) => `${p.label} ${p.text}`).join("; ")}`}
      data-testid="lift-chart"
      data-points={points.length}
      className="w-full"
    >
      <ResponsiveContainer width="100%" height={60 + points.length * 44}>
        <BarChart data={points} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" unit=" %" tickFormatter={(value: number) => value.toFixed(0)} />
          <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 12 }} />
          <ReferenceLine x={0} stroke="currentColor" />
          <Tooltip formatter={(_value, _name, item) => [(item.payload as LiftPoint).text, "lift [95 % CI]"]} />
          <Bar dataKey="lift" isAnimationActive={false} barSize={14}>
            {points.map((point) => (
              <Cell key={point.label} fill={VERDICT_COLORS[point.verdict]} />
            ))}
            <ErrorBar dataKey="interval" direction="x" width={6} stroke="currentColor" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
