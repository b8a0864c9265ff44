import { decisionsByGroup } from "../../advice";
import { listBiasAlerts } from "../../bias";
import { mlProcedure, router } from "../trpc";

/** Bias monitoring, as the console's Bias page reads it. */
export const biasRouter = router({
  alerts: mlProcedure.query(() => listBiasAlerts()),
  /** Favorable answers per self-declared group, per release, with the four-fifths flag. */
  decisionsByGroup: mlProcedure.query(() => decisionsByGroup()),
});
