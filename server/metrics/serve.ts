import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";

/**
 * The registry over plain HTTP, for a process without a web server (the worker): GET /metrics in
 * Prometheus's text format, as /api/metrics serves the web instances'. Nothing else is served.
 */

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

export function startMetricsServer(options: {
  registry: Registry;
  port: number;
  host?: string;
  /** A scrape that failed (a collector threw): the caller logs it; Prometheus gets a 500. */
  onScrapeError: (error: unknown) => void;
}): Promise<MetricsServer> {
  const { registry } = options;
  const server = http.createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (path !== "/metrics") {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found: metrics are at /metrics\n");
      return;
    }
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("only GET\n");
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { "content-type": registry.contentType }).end(text),
      (error: unknown) => {
        options.onScrapeError(error);
        response.writeHead(500, { "content-type": "text/plain" }).end("the metrics could not be collected\n");
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      // Prometheus keeps its connection alive between scrapes: do not let it hold up a shutdown.
      server.unref();
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
