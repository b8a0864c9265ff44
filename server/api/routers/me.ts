import { publicProcedure, router } from "../trpc";

export const meRouter = router({
  /** The signed-in user, or null: lets the UI decide what to show without a failed call. */
  get: publicProcedure.query(({ ctx }) => ctx.user),
});
