import { clearSelfDeclared, getSelfDeclared, saveSelfDeclared, selfDeclaredInput } from "../../demographics";
import { borrowerProcedure, router } from "../trpc";

/**
 * A borrower's optional self-declared attributes (server/demographics). Each procedure acts on
 * the signed-in user's own answers only: there is no user id in the input to point elsewhere.
 */
export const selfDeclaredRouter = router({
  get: borrowerProcedure.query(({ ctx }) => getSelfDeclared(ctx.user.id)),
  save: borrowerProcedure.input(selfDeclaredInput).mutation(({ ctx, input }) => saveSelfDeclared(ctx.user.id, input)),
  clear: borrowerProcedure.mutation(({ ctx }) => clearSelfDeclared(ctx.user.id)),
});
