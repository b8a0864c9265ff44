import { PARTNER_SCOPES } from "@/server/auth";
import {
  createPartnerKey,
  defaultRateLimit,
  formatRateLimit,
  listPartnerKeys,
  parseRateLimit,
  revokePartnerKey,
  setPartnerRateLimit,
  type RateLimitInput,
  type RateLimitPolicy,
} from "@/server/partners";
import type { Command } from "../command";
import { UsageError } from "../command";

const ACTOR = "cli";

/** `--rate-limit 100/m` (or the set-limit argument), its mistakes as usage errors. */
function rateLimitArg(text: string, what: string): RateLimitInput {
  try {
    return parseRateLimit(text, what);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A key's limit as the CLI prints it: its own (`5/s`), or the default's, saying so. */
const describe = (rateLimit: RateLimitPolicy | null) =>
  rateLimit ? formatRateLimit(rateLimit) : `${formatRateLimit(defaultRateLimit())} (default)`;

export const partnerKeyCommand: Command = {
  name: "partner-key",
  summary: "create, list and revoke partner API keys, and set their rate limits",
  usage: [
    "npm run cli -- partner-key create <name> --scopes advice[,…] [--rate-limit <n>/<s|m|h>]",
    "npm run cli -- partner-key list",
    "npm run cli -- partner-key revoke <id> [--reason TEXT]",
    "npm run cli -- partner-key set-limit <id> <n>/<s|m|h>|default [--reason TEXT]",
    "",
    `  scopes: ${PARTNER_SCOPES.join(", ")}`,
    "  --rate-limit: the key's own limit, e.g. 100/m (n calls per second, minute or hour);",
    "  without it (or with set-limit … default) the key gets PARTNER_RATE_LIMIT_PER_MINUTE per minute.",
    "  The key is printed once at creation; only its hash is stored.",
  ].join("\n"),
  options: { scopes: { type: "string" }, reason: { type: "string" }, "rate-limit": { type: "string" } },
  async run({ positionals, values }) {
    const [action, arg, extra] = positionals;
    const reason = typeof values.reason === "string" ? values.reason : undefined;
    if (action === "create") {
      if (!arg) throw new UsageError("a name is required");
      const scopes = typeof values.scopes === "string" ? values.scopes.split(",").map((s) => s.trim()) : ["advice"];
      const limitFlag = values["rate-limit"];
      const rateLimit = typeof limitFlag === "string" ? rateLimitArg(limitFlag, "--rate-limit") : null;
      // Unchecked strings on purpose: createPartnerKey refuses an unknown scope, naming it and the valid ones.
      const created = await createPartnerKey({ name: arg, scopes: scopes as never, rateLimit }, ACTOR);
      console.log(`created partner key ${created.id} for ${created.name} (scopes: ${created.scopes.join(", ")})`);
      console.log(`rate limit: ${describe(created.rateLimit)}`);
      console.log(`key (shown once, store it now): ${created.key}`);
      return 0;
    }
    if (action === "list") {
      for (const key of await listPartnerKeys()) {
        const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : "active";
        const used = key.lastUsedAt ? key.lastUsedAt.toISOString() : "never";
        const limit = key.rateLimit
          ? formatRateLimit(key.rateLimit)
          : `${formatRateLimit(defaultRateLimit())} (default)`;
        console.log(
          `${key.id}  apfa_${key.prefix}_…  ${key.name}  [${key.scopes.join(",")}]  ${limit}  ${state}  last used ${used}`,
        );
      }
      return 0;
    }
    if (action === "revoke") {
      if (!arg) throw new UsageError("an id is required");
      await revokePartnerKey(arg, ACTOR, reason);
      console.log(`revoked ${arg}`);
      return 0;
    }
    if (action === "set-limit") {
      if (!arg) throw new UsageError("an id is required");
      if (!UUID.test(arg)) throw new UsageError(`the id must be a key's UUID (see partner-key list), not "${arg}"`);
      if (!extra) throw new UsageError("a limit is required, e.g. 100/m, or default");
      const rateLimit = extra === "default" ? null : rateLimitArg(extra, "the limit");
      const updated = await setPartnerRateLimit(arg, rateLimit, ACTOR, reason);
      console.log(`rate limit of ${arg}: ${describe(updated.rateLimit)}`);
      return 0;
    }
    throw new UsageError(`unknown partner-key action: ${action ?? "(none)"}`);
  },
};
