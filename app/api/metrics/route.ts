import { metricsRegistry } from "@/server/metrics";

export const dynamic = "force-dynamic";

/** Public on purpose, like /api/health: Prometheus scrapes it from inside the network. */
export async function GET() {
  const registry = metricsRegistry();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } });
}
