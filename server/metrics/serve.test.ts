import { Counter, Gauge, Registry } from "prom-client";
import { afterEach, describe, expect, it } from "vitest";
import { startMetricsServer, type MetricsServer } from "./serve";

/** The worker's metrics endpoint on a real socket (an ephemeral port), with registries of its own. */

let server: MetricsServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function registryWith(collect?: () => void): Registry {
  const registry = new Registry();
  new Counter({ name: "apfa_test_jobs_total", help: "jobs", labelNames: ["queue"], registers: [registry] }).inc(
    { queue: "ingest" },
    3,
  );
  if (collect) new Gauge({ name: "apfa_test_depth", help: "depth", registers: [registry], collect });
  return registry;
}

describe("startMetricsServer", () => {
  it("serves the registry in Prometheus's text format at GET /metrics, and nothing else", async () => {
    const registry = registryWith();
    server = await startMetricsServer({ registry, port: 0, host: "127.0.0.1", onScrapeError: () => undefined });
    const url = `http://127.0.0.1:${server.port}`;

    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(registry.contentType);
    const text = await response.text();
    expect(text).toBe(await registry.metrics());
    expect(text).toContain('apfa_test_jobs_total{queue="ingest"} 3');

    expect((await fetch(`${url}/metrics?x=1`)).status).toBe(200);
    expect((await fetch(`${url}/`)).status).toBe(404);
    expect((await fetch(`${url}/api/metrics`)).status).toBe(404);
    const post = await fetch(`${url}/metrics`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });

  it("answers 500 and hands the error over when a collector throws", async () => {
    const errors: unknown[] = [];
    const registry = registryWith(() => {
      throw new Error("redis is gone");
    });
    server = await startMetricsServer({ registry, port: 0, host: "127.0.0.1", onScrapeError: (e) => errors.push(e) });
    const response = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe("the metrics could not be collected\n");
    expect(errors.map((e) => (e as Error).message)).toEqual(["redis is gone"]);
  });

  it("rejects when the port is taken, naming it", async () => {
    server = await startMetricsServer({
      registry: registryWith(),
      port: 0,
      host: "127.0.0.1",
      onScrapeError: () => undefined,
    });
    await expect(
      startMetricsServer({
        registry: registryWith(),
        port: server.port,
        host: "127.0.0.1",
        onScrapeError: () => undefined,
      }),
    ).rejects.toThrow(new RegExp(`EADDRINUSE.*${server.port}`));
  });

  it("closes with a scraper's connection still open", async () => {
    server = await startMetricsServer({
      registry: registryWith(),
      port: 0,
      host: "127.0.0.1",
      onScrapeError: () => undefined,
    });
    const port = server.port;
    // fetch keeps the connection alive, as Prometheus does between scrapes.
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
    await server.close();
    server = null;
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });
});
