import { randomUUID } from "node:crypto";
import os from "node:os";
import { Worker } from "bullmq";
import { closeDb } from "@/server/db";
import { env } from "@/server/env";
import { logger } from "@/server/logger";
import {
  QUEUE_NAMES,
  scheduleBiasAlertChecks,
  scheduleFairnessAudits,
  scheduleGuardrailChecks,
  scheduleIndexRefresh,
  startHeartbeat,
} from "@/server/queues";
import { closeRedis, createRedis, getRedis } from "@/server/redis";
import { startWorkerMetrics } from "./metrics-endpoint";
import { outageLog } from "@/server/outage";
import { processors } from "./processors";
import { traced } from "./processors/traced";
import { closeServing } from "@/server/serving";
import { shutdownTracing, startTracing } from "@/server/tracing";
import { onShutdown } from "./shutdown";

const log = logger.child("worker");
const id = `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
// Before any job runs: each job is a span (exported when OTEL_EXPORTER_OTLP_ENDPOINT is set).
startTracing("apfa-worker");

const workers = QUEUE_NAMES.map((name) => {
  const worker = new Worker(name, traced(name, processors[name]), {
    connection: createRedis(`worker:${name}`, { blocking: true }),
    prefix: env.APFA_QUEUE_PREFIX,
    concurrency: env.WORKER_CONCURRENCY,
  });
  // BullMQ reports each failed reconnect while Redis is down: one line per outage, and it rides
  // it out (its connection retries forever), picking up the queued jobs when Redis is back.
  const outage = outageLog(log, "queue connection", { queue: name });
  worker.on("failed", (job, error) =>
    log.error("job failed", {
      queue: name,
      jobId: job?.id,
      attempt: job?.attemptsMade,
      data: job?.data,
      error: error.message,
    }),
  );
  worker.on("completed", (job) => {
    outage.recovered();
    log.info("job completed", { queue: name, jobId: job.id });
  });
  worker.on("error", (error) => outage.failed(error));
  worker.on("ready", () => outage.recovered());
  return worker;
});

const stopHeartbeat = startHeartbeat(getRedis(), id);
const stopMetrics = await startWorkerMetrics();
await scheduleIndexRefresh().catch((error: unknown) => log.error("scheduling the index refresh failed", { error }));
await scheduleGuardrailChecks().catch((error: unknown) =>
  log.error("scheduling the experiments' guardrail checks failed", { error }),
);
await scheduleFairnessAudits().catch((error: unknown) => log.error("scheduling the fairness audits failed", { error }));
await scheduleBiasAlertChecks().catch((error: unknown) =>
  log.error("scheduling the bias alert checks failed", { error }),
);
log.info("worker started", { id, queues: QUEUE_NAMES, concurrency: env.WORKER_CONCURRENCY });

onShutdown([
  { name: "workers", run: async () => void (await Promise.all(workers.map((worker) => worker.close()))) },
  { name: "heartbeat", run: stopHeartbeat },
  { name: "metrics endpoint", run: stopMetrics },
  // The shadow replay loads candidate releases: close their analyzers (a llama model holds its threads).
  { name: "releases", run: closeServing },
  { name: "redis", run: closeRedis },
  { name: "database", run: closeDb },
  // Last: the spans of the jobs that finished while stopping.
  { name: "tracing", run: shutdownTracing },
]);
