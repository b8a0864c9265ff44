import { partnerAdviceInput, runAdvice } from "@/server/advice";
import { AppError } from "@/server/errors";
import { enforceRateLimit, handle, rateLimitHeaders, readJson, requirePartner } from "@/server/http";
import { answeredAttributes } from "@/server/tracing";

export const dynamic = "force-dynamic";

/**
 * Partner REST API (role: partner key with the `advice` scope). Contract in DESIGN.md §4. A
 * partner's sane `x-request-id` (and W3C `traceparent`) is carried through; the response names
 * the request in its own x-request-id.
 */
export async function POST(request: Request) {
  return handle("POST /api/v1/advice", request, async (scope) => {
    const partner = await requirePartner(request, "advice");
    const limit = await enforceRateLimit(partner);
    const input = await readJson(request, partnerAdviceInput);
    const result = await runAdvice(
      {
        question: input.query,
        channel: "api",
        partnerId: partner.id,
        externalUserId: input.userId,
        requestId: scope.requestId,
      },
      { signal: request.signal },
    );
    scope.setAttributes(answeredAttributes(result));
    if (result.status !== "ok") throw new AppError("unavailable", result.error ?? "the advisor is unavailable");
    return Response.json(
      {
        adviceId: result.adviceId,
        advice: result.advice,
        sources: result.sources.map(({ id, score, text }) => ({ id: String(id), score, text })),
        bias: {
          score: result.bias?.score ?? 0,
          flagged: result.bias?.flagged ?? false,
          reasons: result.bias?.reasons ?? [],
        },
        // What the advice recommends (proceed, reconsider, decline or none) and the figures it quotes.
        recommendation: result.label.recommendation,
        quotedAmounts: result.label.amounts,
        quotedRates: result.label.rates,
        release: result.release,
        // The arm of the experiment that chose the release ("0" is control), "default" outside experiments.
        experiment: result.experiment?.key ?? null,
        variant: result.experiment ? String(result.experiment.variant) : "default",
        versions: result.versions,
        indexVersion: result.versions.index,
        latencyMs: result.latencyMs,
      },
      { headers: rateLimitHeaders(limit) },
    );
  });
}
