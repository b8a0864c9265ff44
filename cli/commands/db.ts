import { chainLegacyAuditEntries } from "@/server/audit";
import { runMigrations } from "@/server/db";
import { ensureActiveIndex, seed } from "@/server/seed";
import type { Command } from "../command";
import { UsageError } from "../command";

/**
 * The SQL migrations, then the audit ledger's one-time backfill, which needs the ledger's hash
 * (TypeScript) and so cannot be a SQL migration. Here, above both domains: db does not know audit.
 */
async function migrate(): Promise<void> {
  await runMigrations();
  console.log("migrations applied");
  const chained = await chainLegacyAuditEntries();
  if (chained > 0) console.log(`audit ledger: chained ${chained} earlier entries`);
}

export const dbCommand: Command = {
  name: "db",
  summary: "database maintenance",
  usage:
    "npm run cli -- db migrate\n\n  migrate   apply the SQL migrations in db/migrations, then chain earlier audit entries (idempotent)",
  async run({ positionals }) {
    if (positionals[0] !== "migrate") throw new UsageError(`unknown db command: ${positionals[0] ?? "(none)"}`);
    await migrate();
    return 0;
  },
};

export const setupCommand: Command = {
  name: "setup",
  summary: "apply migrations, then seed demo accounts and the shipped corpus (what npm start runs)",
  usage: "npm run cli -- setup",
  async run() {
    await migrate();
    const result = await seed();
    console.log(`demo accounts: ${result.demoAccounts}`);
    if (typeof result.corpus === "string") console.log(`loan corpus: ${result.corpus}`);
    else console.log(`loan corpus: ${result.corpus.inserted} documents stored from ${result.corpus.source}`);
    let reported = 0;
    const built = await ensureActiveIndex({
      onProgress: (done, total) => {
        if (done - reported < 10_000 && done !== total) return;
        console.log(
          `vector index: embedded ${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} documents`,
        );
        reported = done;
      },
    });
    console.log(built ? `vector index: ${built.slice(0, 12)} built and active` : "vector index: up to date");
    return 0;
  },
};

export const seedCommand: Command = {
  name: "seed",
  summary: "create the demo accounts and ingest the shipped corpus if the store is empty",
  usage: "npm run cli -- seed [--no-corpus]",
  options: { "no-corpus": { type: "boolean" } },
  async run({ values }) {
    const result = await seed({ corpus: values["no-corpus"] ? false : undefined });
    console.log(`demo accounts: ${result.demoAccounts}`);
    console.log(
      `loan corpus: ${typeof result.corpus === "string" ? result.corpus : `${result.corpus.inserted} stored`}`,
    );
    return 0;
  },
};
