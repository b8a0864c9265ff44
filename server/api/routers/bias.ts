import { listBiasAlerts } from "../../bias";
import { mlProcedure, router } from "../trpc";

/** Bias monitoring, as the console's Bias page reads it. */
export const biasRouter = router({ alerts: mlProcedure.query(() => listBiasAlerts()) });
