import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeStatus, createExperiment, stickyVariant } from "@/server/experiments";
import { freePort, waitFor, type ServiceProcess } from "@/server/local-services";
import { enqueue, QUEUE_NAMES, waitForJob } from "@/server/queues";
import { aliasedRelease, PRODUCTION } from "@/server/registry";
import { indexWith } from "@/test/index-fixture";
import { idLikeLabels, PROM_CLIENT_DEFAULTS, promtoolProblems, samples, valueOf } from "@/test/metrics-scrape";
import { testRelease } from "@/test/releases";
import { startWorker } from "./processes";

/**
 * The real worker process (jobs/worker.ts) serves its own metrics on WORKER_METRICS_PORT, where
 * deploy/prometheus/prometheus.yml scrapes it as job apfa-worker: its job attempts, the queues'
 * depths, and the SRM p-value its guardrail run computes for each running experiment.
 */

let worker: ServiceProcess;
let url = "";
let experiment = "";

const scrape = async () => {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
};

beforeAll(async () => {
  await indexWith();
  // 30 users in control and 10 in treatment under 50/50 weights: a sample-ratio mismatch.
  experiment = `worker-metrics-${randomInt(1_000, 1_000_000_000)}`;
  const control = (await aliasedRelease(PRODUCTION))!.version;
  await createExperiment({ key: experiment, variants: [control, await testRelease()] }, "system-test");
  await changeStatus(experiment, "start", { actor: "system-test", reason: "metrics of the worker" });
  for (const [variant, users] of [30, 10].entries())
    for (let i = 0; i < users; i++) await stickyVariant(experiment, `${experiment}-user-${variant}-${i}`, variant);

  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  worker = startWorker({ WORKER_METRICS_PORT: String(port) });
  await waitFor(
    "the worker's metrics endpoint",
    async () => (await fetch(`${url}/metrics`).catch(() => null))?.ok ?? false,
    {
      timeoutMs: 60_000,
      intervalMs: 200,
      abort: worker.exited,
    },
  );
});

afterAll(async () => {
  await changeStatus(experiment, "stop", { actor: "system-test", reason: "test over" }).catch(() => undefined);
  await worker?.stop();
});

describe("the worker's metrics endpoint", () => {
  it("counts a guardrail job and exports the SRM p-value the run computed", async () => {
    const job = await enqueue("experiment-guardrails", { requestedBy: "system-test" });
    await waitForJob("experiment-guardrails", job.id, 60_000);
    const all = samples(await scrape());

    expect(
      valueOf(all, "apfa_jobs_total", { queue: "experiment-guardrails", outcome: "completed" }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      valueOf(all, "apfa_job_duration_seconds_count", { queue: "experiment-guardrails", outcome: "completed" }),
    ).toBeGreaterThanOrEqual(1);
    // χ² = (30 − 20)²/20 + (10 − 20)²/20 = 10 on 1 degree of freedom; its survival function is
    // erfc(√(10/2)) = 0.0015654022580025 (scipy.stats.chi2.sf(10, 1) gives the same).
    expect(valueOf(all, "apfa_experiment_srm_p_value", { experiment })).toBeCloseTo(0.0015654022580025, 12);
  });

  it("exports every queue's depth by state, in a scrape promtool accepts with no id for a label", async () => {
    const text = await scrape();
    const all = samples(text);
    for (const queue of QUEUE_NAMES)
      for (const state of ["waiting", "active", "delayed", "failed"])
        expect(valueOf(all, "apfa_queue_jobs", { queue, state }), `${queue} ${state}`).toBeGreaterThanOrEqual(0);
    // The worker holds no index of its own until a replay or an audit loads one.
    expect(valueOf(all, "apfa_index_loaded_versions")).toBeGreaterThanOrEqual(0);
    expect(idLikeLabels(all)).toEqual([]);
    expect(promtoolProblems(text)).toEqual(PROM_CLIENT_DEFAULTS);
  });
});
