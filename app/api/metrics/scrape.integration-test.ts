import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enforceGuardrails, experimentResults, runAdvice, type AdviceResult } from "@/server/advice";
import { users } from "@/server/auth";
import { getDb } from "@/server/db";
import { changeStatus, createExperiment } from "@/server/experiments";
import { activeIndexVersion, closeLiveIndex, getLiveIndex, registerIndexMetrics, swapTo } from "@/server/index-store";
import { aliasedRelease, PRODUCTION } from "@/server/registry";
import { promoteRelease, rollbackRelease } from "@/server/releases";
import { refreshExperiments } from "@/server/serving";
import { expectConsoleError } from "@/test/console";
import { indexWith } from "@/test/index-fixture";
import {
  idLikeLabels,
  PROM_CLIENT_DEFAULTS,
  promtoolProblems,
  samples,
  valueOf,
  type Sample,
} from "@/test/metrics-scrape";
import { moveProduction, testRelease } from "@/test/releases";
import { GET } from "./route";

/**
 * A web instance's scrape after the real code paths ran on PostgreSQL and Redis: advice requests
 * from both routes inside an experiment (signed-in users with uuid ids, partner users), an index
 * swap and a refused one, a promotion and a rollback, and the guardrail run. Every metric is
 * incremented where the work happens; no user or request id becomes a label value.
 */

const admin = { email: "ada.admin@test", role: "admin" as const };
const by = { actor: "mia.ml@test", reason: "metrics of a live experiment" };
const experiment = `metrics-${randomInt(1_000, 1_000_000_000)}`;
let production = "";
let treatment = "";
const served: AdviceResult[] = [];
let all: Sample[] = [];
let text = "";

beforeAll(async () => {
  await indexWith();
  production = (await aliasedRelease(PRODUCTION))!.version;
  treatment = await testRelease();
  await createExperiment({ key: experiment, variants: [production, treatment] }, "mia");
  await changeStatus(experiment, "start", by);
  await refreshExperiments();

  // Signed-in borrowers (uuid user ids) on the chat route, partner users on the API route.
  const borrowers = await getDb()
    .insert(users)
    .values(
      Array.from({ length: 6 }, () => ({
        email: `metrics-${randomUUID()}@test.local`,
        name: "Metrics Borrower",
        role: "borrower" as const,
      })),
    )
    .returning();
  for (const user of borrowers)
    served.push(
      await runAdvice({ question: "Should I borrow $8,000 over 36 months?", channel: "chat", userId: user.id }),
    );
  for (let i = 0; i < 6; i++)
    served.push(
      await runAdvice({
        question: "How much can I borrow?",
        channel: "api",
        externalUserId: `partner-${randomUUID()}`,
      }),
    );

  // A web instance's start: it loads the active index by swapping to it, then refuses a broken version.
  registerIndexMetrics();
  await closeLiveIndex();
  await getLiveIndex();
  await expectConsoleError(/index swap failed/, () => swapTo({ version: "0".repeat(64), sha256: "0".repeat(64) }));

  // A release promoted (an admin overriding its pending gates) and production rolled back.
  const candidate = await testRelease();
  await promoteRelease({ version: candidate, reason: "metrics test", override: true, actor: admin });
  await rollbackRelease({ version: production, reason: "metrics test over", actor: admin });

  await enforceGuardrails();
  text = await (await GET()).text();
  all = samples(text);
});

afterAll(async () => {
  await changeStatus(experiment, "stop", { ...by, reason: "test over" }).catch(() => undefined);
  await refreshExperiments();
  if ((await aliasedRelease(PRODUCTION))!.version !== production) await moveProduction(production);
});

describe("a web instance's scrape after real requests, swaps and promotions", () => {
  it("has each request's latency under its route, release and experiment arm", () => {
    expect(served.every((result) => result.status === "ok" && result.experiment?.key === experiment)).toBe(true);
    for (const route of ["/api/chat", "/api/v1/advice"]) {
      const channel = route === "/api/chat" ? "chat" : "api";
      const ofRoute = served.filter((_, i) => (i < 6 ? "chat" : "api") === channel);
      for (const variant of [0, 1]) {
        const answered = ofRoute.filter((result) => result.experiment!.variant === variant).length;
        const labels = { route, release: [production, treatment][variant]!, variant: String(variant), status: "ok" };
        expect(valueOf(all, "apfa_response_time_seconds_count", labels) ?? 0).toBe(answered);
      }
    }
  });

  it("counts each user's exposure once, by arm, and the searches and tokens behind the answers", () => {
    for (const variant of [0, 1]) {
      const exposed = served.filter((result) => result.experiment!.variant === variant).length;
      expect(valueOf(all, "apfa_experiment_exposures_total", { experiment, variant: String(variant) }) ?? 0).toBe(
        exposed,
      );
    }
    expect(valueOf(all, "apfa_vector_search_seconds_count")).toBeGreaterThanOrEqual(served.length);
    expect(valueOf(all, "apfa_llm_tokens_total", { analyzer: "grounded" })).toBeGreaterThan(served.length * 10);
    expect(valueOf(all, "apfa_llm_time_to_first_token_seconds_count", { analyzer: "grounded" })).toBe(served.length);
    expect(valueOf(all, "apfa_bias_score_count", { release: treatment })).toBeGreaterThanOrEqual(1);
  });

  it("has the served index, the swap and the refused swap", async () => {
    const active = (await activeIndexVersion())!;
    expect(valueOf(all, "apfa_index_vectors", { version: active.version, kind: active.kind })).toBe(active.vectors);
    expect(valueOf(all, "apfa_index_memory_bytes", { version: active.version, serving: "true" })).toBeGreaterThan(0);
    expect(valueOf(all, "apfa_index_swaps_total")).toBe(1);
    expect(valueOf(all, "apfa_index_swap_failures_total")).toBe(1);
  });

  it("counts the promotion and the rollback of production", () => {
    expect(valueOf(all, "apfa_release_promotions_total", { alias: "production", action: "promote" })).toBe(1);
    expect(valueOf(all, "apfa_release_promotions_total", { alias: "production", action: "rollback" })).toBe(1);
  });

  it("exports the experiment's SRM p-value as its results page computes it", async () => {
    const { analysis } = await experimentResults(experiment);
    expect(analysis.srm.pValue).not.toBeNull();
    expect(valueOf(all, "apfa_experiment_srm_p_value", { experiment })).toBe(analysis.srm.pValue);
  });

  it("names no user or request in a label, and passes promtool check metrics", () => {
    const ids = [...served.flatMap((r) => [r.adviceId, r.conversationId])];
    const values = new Set(all.flatMap((s) => Object.values(s.labels)));
    expect(ids.filter((id) => values.has(id))).toEqual([]);
    expect(idLikeLabels(all)).toEqual([]);
    expect(promtoolProblems(text)).toEqual(PROM_CLIENT_DEFAULTS);
  });
});
