import { defineConfig } from "vitest/config";

/**
 * Two projects: `unit` needs nothing running; `integration` gets its own PostgreSQL database
 * and Redis key prefix from test/global-setup.ts. Both fail a test that logs an unexpected
 * console.error (test/setup/console.ts).
 */

const root = import.meta.dirname;
const exclude = ["**/node_modules/**", "**/.next/**", "**/.data/**", "e2e/**", "**/dist/**"];

export default defineConfig({
  // tsconfig `paths`: "@/*" → "./*". A regex, so scoped packages like "@trpc/server" are untouched.
  resolve: { alias: [{ find: /^@\//, replacement: `${root}/` }] },
  test: {
    // A committed `.only` would silently skip the rest of the suite; vitest refuses it only when
    // CI is set, so refuse it everywhere.
    allowOnly: false,
    // Info lines (e.g. "ingest finished") would bury the test output; warnings and errors stay.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["**/*.test.ts"],
          exclude,
          setupFiles: ["test/setup/console.ts"],
          // Some unit tests start worker threads or ESLint, which take seconds on a busy 2-core
          // machine; nothing asserts on time, so a slow start must not fail them.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.integration-test.ts"],
          exclude,
          globalSetup: ["test/global-setup.ts"],
          // Order matters: hooks run as a stack, so the console check (registered first) runs last,
          // after integration.ts has closed the pools, and still catches errors logged while closing.
          setupFiles: ["test/setup/console.ts", "test/setup/integration.ts"],
          // The files share one database and two cores; one file at a time keeps runs predictable.
          fileParallelism: false,
          // Generous limits for slow CI machines (real database, real queue); nothing asserts on time.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "system",
          // Whole product processes (next start from the production build, the worker) on the
          // integration project's services: run after `npm run build`.
          include: ["**/*.system-test.ts"],
          exclude,
          globalSetup: ["test/global-setup.ts"],
          // product-logs.ts: an error line in a product process's log fails the file, like console.ts.
          setupFiles: [
            "test/setup/console.ts",
            "test/setup/integration.ts",
            "test/setup/system.ts",
            "test/setup/product-logs.ts",
          ],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
