import { defineConfig } from "drizzle-kit";

// Each domain owns its tables (server/<domain>/tables.ts); migrations are generated from all of them.
export default defineConfig({
  dialect: "postgresql",
  schema: "./server/*/tables.ts",
  out: "./db/migrations",
});
