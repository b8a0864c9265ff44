/**
 * Prepares the fault test's own PostgreSQL and Redis (DATABASE_URL / REDIS_URL of this process):
 * migrations, the demo accounts, a small indexed corpus and the production release, a partner key. Run as a
 * child process, because the test process's own server modules are bound to the suite's services.
 * Prints the key and the borrower's id as JSON on its last line.
 */
import { sql } from "drizzle-orm";
import { closeDb, getDb, runMigrations } from "@/server/db";
import { createPartnerKey } from "@/server/partners";
import { closeRedis } from "@/server/redis";
import { ensureActiveIndex, seed } from "@/server/seed";
import { ingestLoans } from "@/test/index-fixture";
import { uniqueLoan } from "@/test/loans";

await runMigrations();
// The demo borrower: the load's chat and feedback run as them.
await seed({ corpus: false });
await ingestLoans(Array.from({ length: 20 }, () => uniqueLoan()));
await ensureActiveIndex();
const created = await createPartnerKey({ name: "fault test", scopes: ["advice"] }, "fault-test");
const { rows } = await getDb().execute<{ id: string }>(sql`select id from users where role = 'borrower' limit 1`);
await closeRedis();
await closeDb();
console.log(JSON.stringify({ key: created.key, borrowerId: rows[0]!.id }));
