"use client";

import { useQuery } from "@tanstack/react-query";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useTRPC } from "@/app/_trpc/client";
import { QueryView } from "@/components/console/query-view";
import { ARM_COLORS } from "../experiments/chart-colors";

const DAYS = 30;

interface TrendPoint {
  day: string;
  release: string;
  requests: number;
  meanScore: number;
  flagRate: number;
}

/** One row per day with each release's value, as recharts draws one line per key. */
function perDay(points: TrendPoint[], value: (p: TrendPoint) => number): Record<string, number | string>[] {
  const days = new Map<string, Record<string, number | string>>();
  for (const p of points) {
    const row = days.get(p.day) ?? { day: p.day };
    row[p.release] = value(p);
    days.set(p.day, row);
  }
  return [...days.values()];
}

function TrendChart({
  title,
  points,
  releases,
  value,
  testId,
}: {
  title: string;
  points: TrendPoint[];
  releases: string[];
  value: (p: TrendPoint) => number;
  testId: string;
}) {
  const data = perDay(points, value);
  return (
    <figure className="flex flex-col gap-1">
      <figcaption className="text-sm font-medium">{title}</figcaption>
      <div
        role="img"
        aria-label={`${title}: ${points.map((p) => `${p.day} ${p.release} ${value(p).toFixed(3)}`).join("; ")}`}
        data-testid={testId}
        className="w-full"
      >
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tick={{ fontSize: 12 }} />
            <YAxis domain={[0, 1]} width={40} />
            <Tooltip formatter={(v) => (typeof v === "number" ? v.toFixed(3) : String(v))} />
            <Legend />
            {releases.map((release, i) => (
              <Line
                key={release}
                dataKey={release}
                name={release}
                stroke={ARM_COLORS[i % ARM_COLORS.length]}
                connectNulls
                dot={data.length < 2}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** Mean bias score and flag rate per UTC day, one line per release, over the last 30 days. */
export function TrendsPanel() {
  const trpc = useTRPC();
  const trends = useQuery(trpc.bias.trends.queryOptions({ days: DAYS }));
  return (
    <section aria-labelledby="bias-trends" className="mt-8 flex flex-col gap-3">
      <div>
        <h2 id="bias-trends" className="text-lg font-semibold">
          Bias trends by release
        </h2>
        <p className="text-sm text-muted-foreground">
          Answers of the last {DAYS} days: the mean bias score (0–1) and the share flagged, per day and release.
        </p>
      </div>
      <QueryView
        query={trends}
        empty={{ title: "No scored answers yet", body: "Trends appear once releases have answered borrowers." }}
      >
        {(points) => {
          const releases = [...new Set(points.map((p) => p.release))].sort();
          return (
            <div className="grid gap-6 lg:grid-cols-2">
              <TrendChart
                title="Mean bias score"
                points={points}
                releases={releases}
                value={(p) => p.meanScore}
                testId="bias-trend-score"
              />
              <TrendChart
                title="Flag rate"
                points={points}
                releases={releases}
                value={(p) => p.flagRate}
                testId="bias-trend-flags"
              />
            </div>
          );
        }}
      </QueryView>
    </section>
  );
}
