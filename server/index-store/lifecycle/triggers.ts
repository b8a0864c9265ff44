import { sql } from "drizzle-orm";
import { getDb } from "../../db";
import { activeIndexVersion } from "../versions";

/**
 * When exact search stops being the right default: the seed thresholds for moving to an ANN
 * (HNSW) index, evaluated against the active index and the last hour of advice requests
 * (fleet-wide, from the stored per-request timings).
 */
export const ANN_THRESHOLDS = {
  vectors: 500_000,
  searchP95Ms: 200,
  searchShare: 0.2,
  memoryBytes: 2 * 1024 ** 3,
} as const;

export interface TriggerCheck {
  name: keyof typeof ANN_THRESHOLDS;
  label: string;
  value: number | null;
  threshold: number;
  exceeded: boolean;
}

export interface AnnTriggers {
  activeKind: "exact" | "hnsw" | null;
  checks: TriggerCheck[];
  /** What to do, or null when nothing is exceeded or the active index is already ANN. */
  recommendation: string | null;
}

export async function annTriggers(): Promise<AnnTriggers> {
  const active = await activeIndexVersion();
  const rows = await getDb().execute<{ p95: number | null; search: number | null; total: number | null }>(sql`
    select percentile_cont(0.95) within group (order by (timings->>'searchMs')::float8) as p95,
           avg((timings->>'searchMs')::float8) as search,
           avg((timings->>'totalMs')::float8) as total
      from advice_requests
     where created_at > now() - interval '1 hour' and timings ? 'searchMs'`);
  const stats = rows.rows[0];
  const share = stats?.search != null && stats.total ? Number(stats.search) / Number(stats.total) : null;
  const check = (name: TriggerCheck["name"], label: string, value: number | null): TriggerCheck => ({
    name,
    label,
    value,
    threshold: ANN_THRESHOLDS[name],
    exceeded: value !== null && value > ANN_THRESHOLDS[name],
  });
  const checks = [
    check("vectors", "vectors in the active index", active?.vectors ?? null),
    check("searchP95Ms", "search p95 (ms), last hour", stats?.p95 == null ? null : Number(stats.p95)),
    check("searchShare", "search share of request time, last hour", share),
    check("memoryBytes", "index memory", active?.manifest.memoryBytes ?? null),
  ];
  const exceeded = checks.filter((c) => c.exceeded);
  const recommendation =
    active?.kind === "exact" && exceeded.length > 0
      ? `Build an HNSW index: ${exceeded.map((c) => c.label).join(" and ")} ${exceeded.length > 1 ? "are" : "is"} over the threshold.`
      : null;
  return { activeKind: active?.kind ?? null, checks, recommendation };
}
