import { z } from "zod";
import {
  createPartnerKey,
  createPartnerKeyInput,
  listPartnerKeys,
  partnerUsageOf,
  rateLimitInput,
  revokePartnerKey,
  setPartnerRateLimit,
  USAGE_RANGES,
  type UsageRange,
} from "../../partners";
import { adminProcedure, partnerProcedure, router } from "../trpc";

const keyId = z.string().uuid("id must be a UUID");
// The console asks why, as it does for index promotions; the CLI's --reason stays optional.
const reason = z.string().trim().min(3, "say why in a few words (kept in the audit log)").max(500);

export const partnersRouter = router({
  list: adminProcedure.query(() => listPartnerKeys()),
  create: adminProcedure
    .input(createPartnerKeyInput)
    .mutation(({ ctx, input }) => createPartnerKey(input, ctx.user.email)),
  revoke: adminProcedure
    .input(
      z.object({
        id: keyId,
        reason,
      }),
    )
    .mutation(({ ctx, input }) => revokePartnerKey(input.id, ctx.user.email, input.reason)),
  /** A key's own limit (`rateLimit: null`: back to the default), in the audit log with why. */
  setRateLimit: adminProcedure
    .input(z.object({ id: keyId, rateLimit: rateLimitInput.nullable(), reason }))
    .mutation(({ ctx, input }) => setPartnerRateLimit(input.id, input.rateLimit, ctx.user.email, input.reason)),
  /** A key's calls per outcome over the last 24 h or 7 d, for the Partners page's chart. */
  usage: adminProcedure
    .input(
      z.object({
        id: keyId,
        range: z.enum(Object.keys(USAGE_RANGES) as [UsageRange, ...UsageRange[]], {
          error: `range must be one of ${Object.keys(USAGE_RANGES).join(", ")}`,
        }),
      }),
    )
    .query(({ input }) => partnerUsageOf(input.id, input.range)),
  /** Lets an integrator check a key works and see its scopes. */
  whoami: partnerProcedure().query(({ ctx }) => ctx.partner),
});
