import { expect, test } from "./fixtures";

test("health reports every dependency ok", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({
    status: "ok",
    db: "ok",
    redis: "ok",
    worker: "ok",
    index: {
      status: "ok",
      version: expect.stringMatching(/^[0-9a-f]{64}$/),
      vectors: 39_786,
      embedder: "hash-v2-384+neutral-v1",
    },
    models: { embedder: "hash-v2-384+neutral-v1", analyzer: "grounded-v2" },
    failing: [],
  });
});

test("metrics are Prometheus text with the apfa_ prefix", async ({ request }) => {
  const response = await request.get("/api/metrics");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/plain");
  const text = await response.text();
  expect(text).toContain("# TYPE apfa_process_cpu_user_seconds_total counter");
  expect(text).toMatch(/^apfa_nodejs_heap_size_used_bytes \d+/m);
  // The seed's apfa_index_vector_count is a recording rule over this (deploy/prometheus).
  expect(text).toMatch(/^apfa_index_vectors\{version="[0-9a-f]{64}",kind="exact"\} 39786$/m);
  expect(text).toContain("# TYPE apfa_vector_search_seconds histogram");
  expect(text).toContain("# TYPE apfa_bias_score histogram");
  expect(text).toContain("# TYPE apfa_response_time_seconds histogram");
});
