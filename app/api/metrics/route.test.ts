import { describe, expect, it } from "vitest";
import { meteredProcessors } from "@/jobs/processors/metered";
import { createGroundedAnalyzer } from "@/server/llm";
import {
  countExposure,
  countIndexSwap,
  countPromotion,
  observeAdvice,
  observeSearch,
  readIndexStateFrom,
  readQueueDepthFrom,
  recordSrmPValues,
  SRM_FRESH_MS,
} from "@/server/metrics";
import { idLikeLabels, PROM_CLIENT_DEFAULTS, promtoolProblems, samples, valueOf } from "@/test/metrics-scrape";
import { GET } from "./route";

/**
 * What /api/metrics serves, checked by Prometheus's own linter after every kind of metric has
 * values. The paths that need PostgreSQL and Redis (a whole advice request, a swap, a guardrail
 * run, a promotion) are scraped the same way in scrape.integration-test.ts.
 */

const scrape = async () => (await GET()).text();

describe("GET /api/metrics", () => {
  it("exports the bias score and flags by release, counting delivered answers only", async () => {
    observeAdvice({ channel: "chat", status: "ok", seconds: 0.2, biasScore: 0.4, flagged: true, release: "9.1.0" });
    observeAdvice({ channel: "api", status: "ok", seconds: 0.1, biasScore: 0.1, flagged: false, release: "9.1.0" });
    // Not delivered: not counted, as the stored trends do not count it.
    observeAdvice({
      channel: "api",
      status: "cancelled",
      seconds: 0.1,
      biasScore: 0.9,
      flagged: true,
      release: "9.1.0",
    });
    const text = await scrape();

    expect(text).toContain("# TYPE apfa_bias_score histogram");
    expect(text).toContain('apfa_bias_score_sum{release="9.1.0"} 0.5');
    expect(text).toContain('apfa_bias_score_count{release="9.1.0"} 2');
    expect(text).toContain('apfa_bias_score_bucket{le="0.3",release="9.1.0"} 1');
    expect(text).toContain("# TYPE apfa_bias_flags_total counter");
    expect(text).toContain('apfa_bias_flags_total{release="9.1.0"} 1');
  });

  it("exports request latency by route, release and arm; none where no release or experiment chose", async () => {
    observeAdvice({ channel: "chat", status: "ok", seconds: 0.03, release: "9.2.0", variant: 1 });
    observeAdvice({ channel: "api", status: "error", seconds: 0.01, release: null });
    const all = samples(await scrape());
    const labels = { route: "/api/chat", release: "9.2.0", variant: "1", status: "ok" };
    expect(valueOf(all, "apfa_response_time_seconds_count", labels)).toBe(1);
    expect(valueOf(all, "apfa_response_time_seconds_bucket", { ...labels, le: "0.025" })).toBe(0);
    expect(valueOf(all, "apfa_response_time_seconds_bucket", { ...labels, le: "0.05" })).toBe(1);
    const failed = { route: "/api/v1/advice", release: "none", variant: "none", status: "error" };
    expect(valueOf(all, "apfa_response_time_seconds_count", failed)).toBe(1);
  });

  it("counts the grounded advisor's tokens as its length budget estimates them, and its first-token time", async () => {
    const analyzer = createGroundedAnalyzer();
    let streamed = "";
    for await (const chunk of analyzer.stream({ question: "Should I borrow $5,000?", profiles: [], maxTokens: 200 }))
      streamed += chunk;
    const all = samples(await scrape());
    // The estimate (server/llm/grounded-v2/length.ts) counts runs of letters, runs of digits and
    // each other symbol; counted here on the whole text, independently of the per-chunk count.
    const expected = streamed.match(/[A-Za-z]+|\d+|[^\sA-Za-z\d]/g)!.length;
    expect(expected).toBeGreaterThan(10);
    expect(valueOf(all, "apfa_llm_tokens_total", { analyzer: "grounded" })).toBe(expected);
    expect(valueOf(all, "apfa_llm_time_to_first_token_seconds_count", { analyzer: "grounded" })).toBe(1);
  });

  it("counts and times job attempts by queue and outcome, rethrowing a failure for BullMQ to retry", async () => {
    const processors = meteredProcessors({
      ingest: async () => "done",
      embed: async () => Promise.reject(new Error("embedding server gone")),
    });
    const job = {} as Parameters<(typeof processors)["ingest"]>[0];
    await expect(processors.ingest(job)).resolves.toBe("done");
    await expect(processors.embed(job)).rejects.toThrow("embedding server gone");
    const all = samples(await scrape());
    expect(valueOf(all, "apfa_jobs_total", { queue: "ingest", outcome: "completed" })).toBe(1);
    expect(valueOf(all, "apfa_jobs_total", { queue: "embed", outcome: "failed" })).toBe(1);
    expect(valueOf(all, "apfa_job_duration_seconds_count", { queue: "embed", outcome: "failed" })).toBe(1);
  });

  it("reads the index and queue gauges from their owners at each scrape", async () => {
    const version = "a".repeat(64);
    let reading = {
      served: { version, kind: "exact", vectors: 1200 },
      loaded: [
        { version, memoryBytes: 4096, serving: true },
        { version: "b".repeat(64), memoryBytes: 2048, serving: false },
      ],
    };
    readIndexStateFrom(() => reading);
    readQueueDepthFrom(async () => [{ queue: "ingest", counts: { waiting: 3, active: 1, completed: 40 } }]);
    let all = samples(await scrape());
    expect(valueOf(all, "apfa_index_vectors", { version, kind: "exact" })).toBe(1200);
    expect(valueOf(all, "apfa_index_memory_bytes", { version, serving: "true" })).toBe(4096);
    expect(valueOf(all, "apfa_index_memory_bytes", { version: "b".repeat(64), serving: "false" })).toBe(2048);
    expect(valueOf(all, "apfa_index_loaded_versions")).toBe(2);
    expect(valueOf(all, "apfa_queue_jobs", { queue: "ingest", state: "waiting" })).toBe(3);
    expect(valueOf(all, "apfa_queue_jobs", { queue: "ingest", state: "delayed" })).toBe(0);
    // Completed jobs are retention, not load: not exported.
    expect(valueOf(all, "apfa_queue_jobs", { state: "completed" })).toBeUndefined();

    // The drained version is closed, and Redis cannot be read: their series go, none goes stale.
    reading = { ...reading, loaded: reading.loaded.slice(0, 1) };
    readQueueDepthFrom(async () => null);
    all = samples(await scrape());
    expect(valueOf(all, "apfa_index_memory_bytes", { serving: "false" })).toBeUndefined();
    expect(valueOf(all, "apfa_index_loaded_versions")).toBe(1);
    expect(valueOf(all, "apfa_queue_jobs")).toBeUndefined();
  });

  it("exports the last guardrail run's SRM p-values until they are five minutes old", async () => {
    recordSrmPValues([{ experiment: "prompt-v2", pValue: 0.0004 }]);
    expect(valueOf(samples(await scrape()), "apfa_experiment_srm_p_value", { experiment: "prompt-v2" })).toBe(0.0004);
    recordSrmPValues([{ experiment: "prompt-v2", pValue: 0.0004 }], Date.now() - SRM_FRESH_MS - 1);
    expect(valueOf(samples(await scrape()), "apfa_experiment_srm_p_value")).toBeUndefined();
  });

  it("passes promtool check metrics with every metric filled, and no label value is an id", async () => {
    observeSearch(0.004);
    countIndexSwap("swapped");
    countIndexSwap("failed");
    countExposure("prompt-v2", 0);
    countPromotion("production", "promote");
    recordSrmPValues([{ experiment: "prompt-v2", pValue: 0.2 }]);
    readQueueDepthFrom(async () => [{ queue: "embed", counts: { waiting: 0, active: 1, delayed: 0, failed: 2 } }]);
    const text = await scrape();
    const all = samples(text);
    expect(valueOf(all, "apfa_vector_search_seconds_count")).toBe(1);
    expect(valueOf(all, "apfa_index_swaps_total")).toBe(1);
    expect(valueOf(all, "apfa_index_swap_failures_total")).toBe(1);
    expect(valueOf(all, "apfa_experiment_exposures_total", { experiment: "prompt-v2", variant: "0" })).toBe(1);
    expect(valueOf(all, "apfa_release_promotions_total", { alias: "production", action: "promote" })).toBe(1);

    // Every metric the product defines has at least one sample by now.
    const defined = [...text.matchAll(/^# TYPE (\S+) /gm)]
      .map((m) => m[1]!)
      .filter((n) => !n.startsWith("apfa_nodejs"));
    const sampled = new Set(all.map((s) => s.name.replace(/_(bucket|sum|count)$/, "")));
    expect(defined.filter((name) => !sampled.has(name) && !name.startsWith("apfa_process_"))).toEqual([]);

    expect(idLikeLabels(all)).toEqual([]);
    expect(promtoolProblems(text)).toEqual(PROM_CLIENT_DEFAULTS);
  });
});
