import { z } from "zod";
import { createPartnerKey, createPartnerKeyInput, listPartnerKeys, revokePartnerKey } from "../../partners";
import { adminProcedure, partnerProcedure, router } from "../trpc";

export const partnersRouter = router({
  list: adminProcedure.query(() => listPartnerKeys()),
  create: adminProcedure
    .input(createPartnerKeyInput)
    .mutation(({ ctx, input }) => createPartnerKey(input, ctx.user.email)),
  revoke: adminProcedure
    // The console asks why, as it does for index promotions; the CLI's --reason stays optional.
    .input(
      z.object({
        id: z.string().uuid("id must be a UUID"),
        reason: z.string().trim().min(3, "say why in a few words (kept in the audit log)").max(500),
      }),
    )
    .mutation(({ ctx, input }) => revokePartnerKey(input.id, ctx.user.email, input.reason)),
  /** Lets an integrator check a key works and see its scopes. */
  whoami: partnerProcedure().query(({ ctx }) => ctx.partner),
});
