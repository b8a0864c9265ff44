"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { armColor } from "./chart-colors";
import { armLabel } from "./format";
import type { Results } from "./types";

/** One row per day with each arm's newly exposed users, as recharts stacks them. */
function perDay(exposures: Results["exposuresPerDay"]): Record<string, number | string>[] {
  const days = new Map<string, Record<string, number | string>>();
  for (const { day, variant, users } of exposures) {
    const row = days.get(day) ?? { day };
    row[`arm${variant}`] = users;
    days.set(day, row);
  }
  return [...days.values()];
}

/** Users first exposed per day, per arm, stacked: the split over time, beside the sample-ratio check. */
export function ExposuresChart({ exposures, releases }: { exposures: Results["exposuresPerDay"]; releases: string[] }) {
  if (exposures.length === 0) {
    return (
      <p className="text-sm text-muted-foreground" data-testid="exposures-chart-empty">
        No user has been exposed yet.
      </p>
    );
  }
  const data = perDay(exposures);
  return (
    <div
      role="img"
      aria-label={`Users exposed per day: ${data
        .map(
          (row) => `${String(row.day)} ${releases.map((_, i) => `arm ${i} ${Number(row[`arm${i}`] ?? 0)}`).join(", ")}`,
        )
        .join("; ")}`}
      data-testid="exposures-chart"
      data-days={data.length}
      className="w-full"
    >
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} width={40} />
          <Tooltip />
          <Legend />
          {releases.map((release, i) => (
            <Bar
              key={i}
              dataKey={`arm${i}`}
              name={armLabel(i, release)}
              stackId="users"
              fill={armColor(i)}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
