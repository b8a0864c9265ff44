/**
 * Prepares the fault test's own PostgreSQL and Redis (DATABASE_URL / REDIS_URL of this process):
 * migrations, a small indexed corpus and the production release, and a partner key. Run as a
 * child process, because the test process's own server modules are bound to the suite's services.
 * Prints the key as JSON on its last line.
 */
import { closeDb, runMigrations } from "@/server/db";
import { createPartnerKey } from "@/server/partners";
import { closeRedis } from "@/server/redis";
import { ensureActiveIndex } from "@/server/seed";
import { ingestLoans } from "@/test/index-fixture";
import { uniqueLoan } from "@/test/loans";

await runMigrations();
await ingestLoans(Array.from({ length: 20 }, () => uniqueLoan()));
await ensureActiveIndex();
const created = await createPartnerKey({ name: "fault test", scopes: ["advice"] }, "fault-test");
await closeRedis();
await closeDb();
console.log(JSON.stringify({ key: created.key }));
