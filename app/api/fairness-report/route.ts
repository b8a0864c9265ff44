import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { AppError } from "@/server/errors";
import { fairnessReportFromCsv, type ReportColumns } from "@/server/fairness";
import { handle, requireRole } from "@/server/http";

export const dynamic = "force-dynamic";

/** The largest CSV the console may upload; the CLI has no limit (it streams a local file). */
const MAX_UPLOAD_BYTES = 50_000_000;

const REQUIRED = ["group", "privileged", "label", "prediction", "favorable"] as const;

function columnsFrom(url: URL): ReportColumns {
  const params = url.searchParams;
  const missing = REQUIRED.filter((name) => !params.get(name));
  if (missing.length > 0) throw new AppError("bad_request", `missing query parameters: ${missing.join(", ")}`);
  const get = (name: (typeof REQUIRED)[number]) => params.get(name)!;
  return {
    group: get("group"),
    privileged: get("privileged"),
    label: get("label"),
    prediction: get("prediction"),
    favorable: get("favorable"),
    unfavorable: params.get("unfavorable") || undefined,
  };
}

/**
 * The fairness report of an uploaded CSV (role: ml_engineer and above): the body is the CSV
 * itself, the columns and values are query parameters (group, privileged, label, prediction,
 * favorable, unfavorable). The body is streamed into the same report as the CLI's, never held
 * whole, and refused past MAX_UPLOAD_BYTES. Answers the report's JSON (README, "Fairness report").
 */
export async function POST(request: Request) {
  return handle("POST /api/fairness-report", request, async () => {
    await requireRole("ml_engineer");
    const columns = columnsFrom(new URL(request.url));
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (declared > MAX_UPLOAD_BYTES)
      throw new AppError("bad_request", `the CSV is larger than the limit of ${MAX_UPLOAD_BYTES / 1e6} MB`);
    if (!request.body) throw new AppError("bad_request", "the request has no body: send the CSV as the body");
    const body = Readable.fromWeb(request.body as unknown as NodeReadableStream<Uint8Array>);
    const report = await fairnessReportFromCsv(body, columns, { maxBytes: MAX_UPLOAD_BYTES });
    return Response.json(report, { headers: { "cache-control": "no-store" } });
  });
}
