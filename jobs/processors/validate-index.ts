import type { Job } from "bullmq";
import { validateIndex } from "@/server/index-store";
import type { Payload } from "@/server/queues";
import { parsePayload, unlessPermanent } from "./payload";

/** Measures a candidate's recall@5 against exact search (and tunes HNSW's ef). */
export async function processValidateIndex(job: Job<Payload<"validate-index">>) {
  const payload = parsePayload("validate-index", job);
  const result = await unlessPermanent(() =>
    validateIndex(payload.version, {
      actor: payload.requestedBy,
      onStep: async (step) => void (await job.log(`ef ${step.ef ?? "exact"}: recall@5 ${step.recall.toFixed(3)}`)),
    }),
  );
  await job.updateProgress(100);
  await job.log(
    `recall@5 ${result.recall.toFixed(3)}, ε-recall@5 ${result.epsilonRecall.toFixed(3)}` +
      (result.efSearch ? ` at ef ${result.efSearch}` : ""),
  );
  return result;
}
