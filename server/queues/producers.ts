import { AppError } from "../errors";
import type { QueueName } from "./names";
import { payloadSchemas, type Payload } from "./payloads";
import { getQueue } from "./queues";

/** Validates the payload before it reaches Redis, so a bad job is refused at its source. */
export async function enqueue<Q extends QueueName>(queue: Q, payload: Payload<Q>, options: { jobId?: string } = {}) {
  const parsed = payloadSchemas[queue].safeParse(payload);
  if (!parsed.success) {
    throw new AppError(
      "bad_request",
      `invalid ${queue} job: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  const job = await getQueue(queue).add(queue, parsed.data, { jobId: options.jobId });
  return { id: job.id ?? "", queue };
}
