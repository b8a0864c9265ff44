import type { Job } from "bullmq";
import { enforceGuardrails } from "@/server/advice";
import type { Payload } from "@/server/queues";
import { parsePayload } from "./payload";

/** Stops running experiments whose guardrail is breached (scheduled every minute). */
export async function processExperimentGuardrails(job: Job<Payload<"experiment-guardrails">>) {
  parsePayload("experiment-guardrails", job);
  const stopped = await enforceGuardrails();
  if (stopped.length) await job.log(`stopped by a guardrail: ${stopped.join(", ")}`);
  return { stopped };
}
