import { checkHealth } from "@/server/health";

export const dynamic = "force-dynamic";

/** Public on purpose: load balancers and on-call probe it without credentials. It reveals no data. */
export async function GET() {
  const report = await checkHealth();
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
