import type { Job } from "bullmq";
import { evaluateBiasAlerts } from "@/server/advice";
import type { Payload } from "@/server/queues";
import { parsePayload } from "./payload";

/** Raises the bias alerts the stored answers call for (scheduled every 15 minutes). */
export async function processBiasAlerts(job: Job<Payload<"bias-alerts">>) {
  parsePayload("bias-alerts", job);
  const raised = await evaluateBiasAlerts();
  if (raised.length)
    await job.log(`raised bias alerts ${raised.map((a) => `${a.id} (${a.kind} ${a.modelVersion})`).join(", ")}`);
  return { raised: raised.map((a) => a.id) };
}
