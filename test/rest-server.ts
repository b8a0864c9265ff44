import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { openApiDocument, serveRest, type Context } from "@/server/api";
import { partnerFromAuthorization } from "@/server/partners";

/**
 * The partner REST API on a real HTTP server, as app/api/v1 serves it inside Next.js: the same
 * serveRest and OpenAPI document, with partner keys verified as createContext verifies them (a
 * vitest process has no next-auth, so no sessions). Returns its base URL (…/api/v1) and a close.
 */
export async function startRestServer(): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const createContext = async (request: Request): Promise<Context> => {
    const { partner, keySent } = await partnerFromAuthorization(request.headers.get("authorization"));
    return { user: null, partner, partnerKeySent: keySent };
  };
  const server = http.createServer((incoming, outgoing) => {
    void (async () => {
      const url = `http://${incoming.headers.host}${incoming.url}`;
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers))
        if (typeof value === "string") headers.set(name, value);
      const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
      const request = new Request(url, {
        method: incoming.method,
        headers,
        ...(hasBody ? { body: Readable.toWeb(incoming) as ReadableStream, duplex: "half" } : {}),
      });
      const response = new URL(url).pathname.endsWith("/api/v1/openapi.json")
        ? Response.json(openApiDocument())
        : await serveRest(request, createContext);
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
