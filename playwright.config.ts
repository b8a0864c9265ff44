import { defineConfig } from "@playwright/test";

const PORT = 3210;
/** A second product instance whose analyzer is an OpenAI-compatible server (e2e/support/stand-in-llm.mjs). */
const OPENAI_PORT = 3211;
const LLM_PORT = 3299;
export const OPENAI_INSTANCE = `http://localhost:${OPENAI_PORT}`;
/** The stand-in LLM server itself: GET /streams tells what it served and whether its client hung up. */
export const STAND_IN_LLM = `http://127.0.0.1:${LLM_PORT}`;
/** How many of the audit set's cases a fairness audit asks in e2e (the product default is all of them). */
export const E2E_AUDIT_CASES = 4;

/**
 * E2E runs the product exactly as `npm start` does (embedded PostgreSQL and local Redis in
 * .data/e2e), against the system Chromium: Playwright's own browser download cannot work here.
 */
export default defineConfig({
  testDir: "e2e",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    {
      command: "node --import tsx scripts/start.ts",
      url: `http://127.0.0.1:${PORT}/api/health`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
      // Empty URLs: the embedded path, even where CI exports DATABASE_URL/REDIS_URL for integration tests.
      env: {
        PORT: String(PORT),
        APFA_DATA_DIR: ".data/e2e",
        DATABASE_URL: "",
        REDIS_URL: "",
        NEXT_TELEMETRY_DISABLED: "1",
        // Every release is audited before it may be promoted: 4 of the audit set's cases (36 answers)
        // take seconds, where the whole set would hold every promoting spec for minutes.
        APFA_AUDIT_CASES: String(E2E_AUDIT_CASES),
        // Two products run side by side (and maybe the developer's own): their workers' metrics
        // endpoints would fight over the default port.
        WORKER_METRICS_PORT: "off",
      },
    },
    {
      command: `node e2e/support/stand-in-llm.mjs ${LLM_PORT}`,
      url: `http://127.0.0.1:${LLM_PORT}/`,
      reuseExistingServer: false,
    },
    {
      command: "node --import tsx scripts/start.ts",
      url: `http://127.0.0.1:${OPENAI_PORT}/api/health`,
      timeout: 240_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
      env: {
        PORT: String(OPENAI_PORT),
        APFA_DATA_DIR: ".data/e2e-openai",
        DATABASE_URL: "",
        REDIS_URL: "",
        NEXT_TELEMETRY_DISABLED: "1",
        APFA_ANALYZER: "openai",
        OPENAI_BASE_URL: `http://127.0.0.1:${LLM_PORT}/v1`,
        OPENAI_MODEL: "stand-in",
        // Its worker audits its releases too: keep that from taking the shared cores for minutes.
        APFA_AUDIT_CASES: String(E2E_AUDIT_CASES),
        WORKER_METRICS_PORT: "off",
      },
    },
  ],
});
