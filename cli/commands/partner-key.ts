import { PARTNER_SCOPES } from "@/server/auth";
import { createPartnerKey, listPartnerKeys, revokePartnerKey } from "@/server/partners";
import type { Command } from "../command";
import { UsageError } from "../command";

const ACTOR = "cli";

export const partnerKeyCommand: Command = {
  name: "partner-key",
  summary: "create, list and revoke partner API keys",
  usage: [
    "npm run cli -- partner-key create <name> --scopes advice[,…]",
    "npm run cli -- partner-key list",
    "npm run cli -- partner-key revoke <id> [--reason TEXT]",
    "",
    `  scopes: ${PARTNER_SCOPES.join(", ")}`,
    "  The key is printed once at creation; only its hash is stored.",
  ].join("\n"),
  options: { scopes: { type: "string" }, reason: { type: "string" } },
  async run({ positionals, values }) {
    const [action, arg] = positionals;
    if (action === "create") {
      if (!arg) throw new UsageError("a name is required");
      const scopes = typeof values.scopes === "string" ? values.scopes.split(",").map((s) => s.trim()) : ["advice"];
      // Unchecked strings on purpose: createPartnerKey refuses an unknown scope, naming it and the valid ones.
      const created = await createPartnerKey({ name: arg, scopes: scopes as never }, ACTOR);
      console.log(`created partner key ${created.id} for ${created.name} (scopes: ${created.scopes.join(", ")})`);
      console.log(`key (shown once, store it now): ${created.key}`);
      return 0;
    }
    if (action === "list") {
      for (const key of await listPartnerKeys()) {
        const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : "active";
        const used = key.lastUsedAt ? key.lastUsedAt.toISOString() : "never";
        console.log(
          `${key.id}  apfa_${key.prefix}_…  ${key.name}  [${key.scopes.join(",")}]  ${state}  last used ${used}`,
        );
      }
      return 0;
    }
    if (action === "revoke") {
      if (!arg) throw new UsageError("an id is required");
      await revokePartnerKey(arg, ACTOR, typeof values.reason === "string" ? values.reason : undefined);
      console.log(`revoked ${arg}`);
      return 0;
    }
    throw new UsageError(`unknown partner-key action: ${action ?? "(none)"}`);
  },
};
