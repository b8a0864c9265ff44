import { listAllVersions } from "../../registry";
import { mlProcedure, router } from "../trpc";

/** The model registry, as the console's Models page reads it. */
export const modelsRouter = router({ list: mlProcedure.query(() => listAllVersions()) });
