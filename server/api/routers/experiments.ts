import { listExperiments } from "../../experiments";
import { mlProcedure, router } from "../trpc";

/** A/B experiments between releases, as the console's Experiments page reads them. */
export const experimentsRouter = router({ list: mlProcedure.query(() => listExperiments()) });
