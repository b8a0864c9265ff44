import { verifyLedger } from "@/server/audit";
import type { Command } from "../command";
import { UsageError } from "../command";

export const registryCommand: Command = {
  name: "registry",
  summary: "the model registry and its audit ledger",
  usage: [
    "npm run cli -- registry verify-ledger [--json]",
    "",
    "  verify-ledger   recompute the hash chain of the audit log; exit 0 when intact,",
    "                  1 naming the first entry whose hash or link does not match",
    "                  (--json: {ok, entries, firstBroken: {id, reason} | null})",
  ].join("\n"),
  options: { json: { type: "boolean" } },
  async run({ positionals, values }) {
    const [action] = positionals;
    if (action === "verify-ledger") {
      const verdict = await verifyLedger();
      if (values.json) console.log(JSON.stringify(verdict));
      else if (verdict.firstBroken) {
        console.log(`ledger broken at entry ${verdict.firstBroken.id}: ${verdict.firstBroken.reason}`);
      } else console.log(`ledger intact: ${verdict.entries} entries`);
      return verdict.ok ? 0 : 1;
    }
    throw new UsageError(`unknown registry command: ${action ?? "(none)"}`);
  },
};
