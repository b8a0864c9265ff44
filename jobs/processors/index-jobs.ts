import { UnrecoverableError, type Job } from "bullmq";
import { AppError } from "@/server/errors";
import { publishIndex, rollbackIndex, validateIndex } from "@/server/index-store";
import { buildCandidate, embedAll } from "@/server/index-store/pipeline";
import { enqueue, payloadSchemas, type Payload, type QueueName } from "@/server/queues";

/** The index lifecycle as jobs: each idempotent (same inputs, same artifacts), chaining the next step. */

function parse<Q extends QueueName>(queue: Q, job: Job) {
  const payload = payloadSchemas[queue].safeParse(job.data);
  if (!payload.success) throw new UnrecoverableError(`bad ${queue} payload: ${payload.error.message}`);
  return payload.data as ReturnType<(typeof payloadSchemas)[Q]["parse"]>;
}

/** Errors that a retry cannot fix (a bad version, a candidate below the recall bar) fail at once. */
async function once<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && ["bad_request", "not_found", "conflict"].includes(error.code)) {
      throw new UnrecoverableError(error.message);
    }
    throw error;
  }
}

export async function processEmbed(job: Job<Payload<"embed">>) {
  const payload = parse("embed", job);
  const report = await embedAll(async (done, total) => {
    await job.updateProgress(Math.round((done / total) * 100));
  });
  await job.log(
    `embedded ${report.embedded}, reused ${report.reused}, ${report.unchanged} of ${report.batches} batches unchanged`,
  );
  const changed = report.embedded > 0 || report.reused > 0;
  if (payload.build === "never" || (payload.build === "if-changed" && !changed)) return { ...report, buildJobId: null };
  const next = await enqueue("build-index", {
    requestedBy: payload.requestedBy,
    kind: payload.kind,
    reason: payload.reason,
  });
  await job.log(`queued build-index job ${next.id}`);
  return { ...report, buildJobId: next.id };
}

export async function processBuildIndex(job: Job<Payload<"build-index">>) {
  const payload = parse("build-index", job);
  await job.log(`building a ${payload.kind} index`);
  const manifest = await once(() => buildCandidate(payload.kind, payload.requestedBy));
  await job.updateProgress(100);
  await job.log(`built ${manifest.version} (${manifest.vectors} vectors, ${manifest.buildMs} ms)`);
  const next = await enqueue("validate-index", { requestedBy: payload.requestedBy, version: manifest.version });
  await job.log(`queued validate-index job ${next.id}`);
  return { version: manifest.version, kind: manifest.kind, vectors: manifest.vectors, validateJobId: next.id };
}

export async function processValidateIndex(job: Job<Payload<"validate-index">>) {
  const payload = parse("validate-index", job);
  const result = await once(() =>
    validateIndex(payload.version, {
      actor: payload.requestedBy,
      onStep: async (step) => void (await job.log(`ef ${step.ef ?? "exact"}: recall@5 ${step.recall.toFixed(3)}`)),
    }),
  );
  await job.updateProgress(100);
  await job.log(`recall@5 ${result.recall.toFixed(3)}${result.efSearch ? ` at ef ${result.efSearch}` : ""}`);
  return result;
}

export async function processPublishIndex(job: Job<Payload<"publish-index">>) {
  const payload = parse("publish-index", job);
  const by = { actor: payload.requestedBy, reason: payload.reason };
  const message = await once(() =>
    payload.rollback ? rollbackIndex(payload.version, by) : publishIndex(payload.version ?? "", by),
  );
  await job.updateProgress(100);
  await job.log(`published ${message.version}`);
  return message;
}
