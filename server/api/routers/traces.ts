import { searchTraces, traceInput, traceOf, traceSearchInput } from "../../advice";
import { mlProcedure, router } from "../trpc";

/** The console's trace view (ML engineers and admins): stored requests and their path through the graph. */
export const tracesRouter = router({
  search: mlProcedure.input(traceSearchInput).query(({ input }) => searchTraces(input)),
  get: mlProcedure.input(traceInput).query(({ input }) => traceOf(input.adviceId)),
});
