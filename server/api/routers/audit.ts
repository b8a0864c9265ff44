import { z } from "zod";
import { listAudit } from "../../audit";
import { adminProcedure, router } from "../trpc";

export const auditRouter = router({
  list: adminProcedure
    .input(z.object({ limit: z.number().int().min(1).max(500).default(100) }))
    .query(({ input }) => listAudit(input.limit)),
});
