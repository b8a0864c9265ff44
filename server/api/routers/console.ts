import { listBiasAlerts } from "../../bias";
import { listExperiments } from "../../experiments";
import { listModelVersions } from "../../registry";
import { mlProcedure, router } from "../trpc";

/** Read views for the ML-ops console pages; each domain grows its own router as it gains actions. */
export const modelsRouter = router({ list: mlProcedure.query(() => listModelVersions()) });
export const experimentsRouter = router({ list: mlProcedure.query(() => listExperiments()) });
export const biasRouter = router({ alerts: mlProcedure.query(() => listBiasAlerts()) });
