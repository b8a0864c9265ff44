"use client";

import { useQuery } from "@tanstack/react-query";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useTRPC } from "@/app/_trpc/client";
import { QueryView } from "@/components/console/query-view";
import { Button } from "@/components/ui/button";

export type UsageRange = "24h" | "7d";

const RANGES: { value: UsageRange; label: string }[] = [
  { value: "24h", label: "Last 24 h" },
  { value: "7d", label: "Last 7 days" },
];

// Okabe–Ito, as the other console charts: ok, refused by the limit, failed.
const SERIES = [
  { key: "ok", name: "ok", color: "#009E73" },
  { key: "rateLimited", name: "rate limited (429)", color: "#E69F00" },
  { key: "error", name: "error", color: "#D55E00" },
] as const;

/** A bucket's start as the axis shows it: the hour for a day, the day and hour for a week (UTC). */
const tick = (iso: string, range: UsageRange) =>
  range === "24h" ? `${iso.slice(11, 16)}` : `${iso.slice(5, 10)} ${iso.slice(11, 13)}h`;

/** One key's calls per outcome over the last 24 h or 7 d, stacked, with a range switch. */
export function UsageChart({
  keyId,
  partnerName,
  range,
  onRangeChange,
}: {
  keyId: string;
  partnerName: string;
  range: UsageRange;
  onRangeChange: (range: UsageRange) => void;
}) {
  const trpc = useTRPC();
  const usage = useQuery(trpc.partners.usage.queryOptions({ id: keyId, range }));
  return (
    <section aria-label={`Usage of ${partnerName}`} className="flex flex-col gap-3" data-testid="usage-panel">
      <div role="group" aria-label="Range" className="flex gap-2">
        {RANGES.map((option) => (
          <Button
            key={option.value}
            size="sm"
            variant={option.value === range ? "default" : "outline"}
            aria-pressed={option.value === range}
            onClick={() => onRangeChange(option.value)}
          >
            {option.label}
          </Button>
        ))}
      </div>
      <QueryView
        query={usage}
        isEmpty={(data) => data.totals.ok + data.totals.rateLimited + data.totals.error === 0}
        empty={{
          title: `No calls from ${partnerName} in this range`,
          body: "Calls with this key appear here within a minute.",
        }}
      >
        {(data) => (
          <>
            <p className="text-sm" data-testid="usage-totals">
              {data.totals.ok} ok · {data.totals.rateLimited} rate limited · {data.totals.error} errors (times in UTC)
            </p>
            <div
              role="img"
              aria-label={`Calls from ${partnerName} per ${data.bucketSeconds / 3600} h: ${data.buckets
                .filter((b) => b.ok + b.rateLimited + b.error > 0)
                .map((b) => `${b.start} ok ${b.ok}, rate limited ${b.rateLimited}, errors ${b.error}`)
                .join("; ")}`}
              data-testid="usage-chart"
              data-buckets={data.buckets.length}
              className="w-full"
            >
              <ResponsiveContainer width="100%" height={240}>
                <BarChart data={data.buckets} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis
                    dataKey="start"
                    tickFormatter={(value: string) => tick(value, range)}
                    tick={{ fontSize: 12 }}
                  />
                  <YAxis allowDecimals={false} width={40} />
                  <Tooltip labelFormatter={(value) => `${String(value).slice(0, 16).replace("T", " ")} UTC`} />
                  <Legend />
                  {SERIES.map((series) => (
                    <Bar
                      key={series.key}
                      dataKey={series.key}
                      name={series.name}
                      stackId="calls"
                      fill={series.color}
                      isAnimationActive={false}
                    />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </div>
          </>
        )}
      </QueryView>
    </section>
  );
}
