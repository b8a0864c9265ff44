/**
 * `npm start`: the whole product on one machine. PostgreSQL and Redis are started locally
 * unless DATABASE_URL / REDIS_URL point elsewhere; then migrations and seed, the worker and
 * the web server. Where the services listen is recorded in <data dir>/running.json for the CLI.
 * Ctrl-C or SIGTERM stops them in reverse order: web, worker, Redis, PostgreSQL. A part that dies
 * on its own is restarted (scripts/restart-policy.ts); the others ride out its absence.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/server/env";
import {
  freePort,
  isPortFree,
  recordRunningProduct,
  removeRunningRecord,
  runningFile,
  spawnService,
  startLocalPostgres,
  startLocalRedis,
  waitFor,
  type ServiceProcess,
} from "@/server/local-services";
import { productionBuildIsFresh } from "./build-freshness";
import { withBuildLock } from "./build-lock";
import { loadLocalSecrets } from "./local-secrets";
import { decideRestart, FAST_FAILURE_MS, MAX_FAST_FAILURES, type RestartState } from "./restart-policy";

const dev = process.argv.includes("--dev");
const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const say = (message: string) => console.log(`[apfa] ${message}`);

type Stoppable = { name: string; stop: () => Promise<void> };
const running: Stoppable[] = [];
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (stopping) return new Promise<never>(() => undefined);
  stopping = true;
  // First, so the CLI stops finding a product that is going away.
  try {
    removeRunningRecord(env.dataDir);
  } catch (error) {
    console.error(`[apfa] could not remove ${runningFile(env.dataDir)}: ${(error as Error).message}`);
  }
  for (const service of [...running].reverse()) {
    say(`stopping ${service.name}…`);
    try {
      await service.stop();
    } catch (error) {
      console.error(`[apfa] ${service.name} did not stop cleanly: ${(error as Error).message}`);
    }
  }
  say("stopped");
  process.exit(code);
}

type Instance = { exited: ServiceProcess["exited"]; stop: () => Promise<void> };

/**
 * Keeps a part running: stopped with the others; when it dies on its own it is started again the
 * same way (same port, same data directory) by the restart policy (scripts/restart-policy.ts), and
 * everything stops only if it cannot stay up, or it exited cleanly (someone stopped it on purpose).
 */
function supervise(name: string, first: Instance, start: () => Promise<Instance>) {
  let current = first;
  const state: RestartState = { fastFailures: 0, attempts: 0 };
  running.push({ name, stop: () => current.stop() });
  const watch = (instance: Instance, startedAt: number) =>
    void instance.exited.then(async (exit) => {
      if (stopping) return;
      const decision = decideRestart(state, exit, Date.now() - startedAt);
      const how = `code ${exit.code}, signal ${exit.signal}`;
      if (decision.action === "stop") {
        say(`${name} exited cleanly (${how}) without being asked to; stopping everything`);
        return void stopAll(0);
      }
      if (decision.action === "give-up") {
        console.error(
          `[apfa] ${name} exited unexpectedly (${how}) and keeps failing: ${decision.attempts} restarts, ` +
            `${MAX_FAST_FAILURES} in a row within ${FAST_FAILURE_MS / 1000} s of starting; giving up and stopping everything (see ${path.relative(root, path.join(env.dataDir, "logs"))}/)`,
        );
        return void stopAll(1);
      }
      console.error(
        `[apfa] ${name} exited unexpectedly (${how}); restarting (attempt ${decision.attempt}) in ${decision.delayMs / 1000} s`,
      );
      await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
      if (stopping) return;
      const restartedAt = Date.now();
      try {
        current = await start();
        say(`${name} restarted (attempt ${decision.attempt})`);
      } catch (error) {
        console.error(`[apfa] ${name} could not be restarted: ${(error as Error).message}`);
        // A start that failed counts as a fast failure of its own.
        current = { exited: Promise.resolve({ code: 1, signal: null }), stop: async () => undefined };
      }
      if (stopping) return void current.stop();
      watch(current, restartedAt);
    });
  watch(first, Date.now());
}

/** A child process of ours (worker, web): stopped with SIGTERM, given 20 s before SIGKILL. */
const asInstance = (service: ServiceProcess): Instance => ({
  exited: service.exited,
  stop: () => service.stop("SIGTERM", 20_000),
});

function runStep(what: string, args: string[], childEnv: NodeJS.ProcessEnv) {
  say(what);
  const result = spawnSync(process.execPath, args, { stdio: "inherit", env: childEnv });
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status ?? result.signal})`);
}

async function main() {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stopAll(0));
  // npm does not forward SIGTERM to its child: when whoever started us goes away, stop everything too.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && void stopAll(0), 1_000).unref();

  if (!(await isPortFree(env.PORT))) {
    throw new Error(`port ${env.PORT} is already in use: stop what is using it, or set PORT to another port`);
  }
  const production = env.NODE_ENV === "production";
  const logs = path.join(env.dataDir, "logs");
  fs.mkdirSync(logs, { recursive: true });
  const secrets = loadLocalSecrets(env.dataDir);
  if (production && !env.AUTH_SECRET) throw new Error("AUTH_SECRET is required when NODE_ENV=production");

  let databaseUrl = env.DATABASE_URL;
  if (databaseUrl) {
    say("PostgreSQL: using DATABASE_URL");
  } else {
    say(`PostgreSQL: starting embedded server (data in ${path.relative(root, env.dataDir)}/postgres)…`);
    const options = {
      dataDir: path.join(env.dataDir, "postgres"),
      port: await freePort(),
      password: secrets.postgresPassword,
      logFile: path.join(logs, "postgres.log"),
    };
    const postgres = await startLocalPostgres(options);
    // Restarted on the same port and data directory: the web and worker reconnect by themselves.
    supervise("PostgreSQL", postgres, () => startLocalPostgres(options));
    databaseUrl = postgres.url;
    say("PostgreSQL: ready");
  }

  let redisUrl = env.REDIS_URL;
  if (redisUrl) {
    say("Redis: using REDIS_URL");
  } else {
    say(`Redis: starting local server (data in ${path.relative(root, env.dataDir)}/redis)…`);
    const options = {
      dataDir: path.join(env.dataDir, "redis"),
      port: await freePort(),
      logFile: path.join(logs, "redis.log"),
    };
    const redis = await startLocalRedis(options);
    supervise("Redis", redis, () => startLocalRedis(options));
    redisUrl = redis.url;
    say(`Redis: ready (${redis.binary})`);
  }

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    AUTH_SECRET: env.AUTH_SECRET ?? secrets.authSecret,
    // `next start` always runs with NODE_ENV=production, so the launcher's own setting decides.
    APFA_ENABLE_DEMO_ACCOUNTS: String(env.demoAccountsEnabled),
    PORT: String(env.PORT),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const tsx = ["--import", "tsx"];

  runStep(
    "applying migrations and seeding (first start ingests the loan corpus)…",
    [...tsx, "cli/index.ts", "setup"],
    childEnv,
  );
  // From here the database is migrated: commands run beside the product (the CLI) can use it.
  // Not once stopping has begun, which has already removed the record (or found none).
  if (!stopping) {
    recordRunningProduct(env.dataDir, {
      pid: process.pid,
      databaseUrl,
      redisUrl,
      webUrl: `http://localhost:${env.PORT}`,
      port: env.PORT,
      startedAt: new Date().toISOString(),
    });
  }

  if (!dev) {
    // Checked again under the lock: another instance may have just built it.
    await withBuildLock(root, () => {
      if (!productionBuildIsFresh(root)) {
        runStep("building the web app (first start, or sources changed)…", [...tsx, "scripts/build.ts"], childEnv);
      }
    });
  }

  say("starting worker…");
  // Their output also goes to <data dir>/logs/, where it outlives the terminal (the e2e suite reads it).
  const startWorker = () =>
    spawnService("worker", process.execPath, [...tsx, "jobs/worker.ts"], {
      env: childEnv,
      teeFile: path.join(logs, "worker.log"),
    });
  supervise("worker", asInstance(startWorker()), async () => asInstance(startWorker()));

  say(`starting web server (${dev ? "development, hot reload" : "production build"})…`);
  // A larger young generation: each advice request allocates a lot of short-lived objects
  // (LangGraph configs, run trees), and 32 MB semi-spaces cut main-thread time per request ~15 %
  // (docs/benchmarks.md, chat latency).
  const webArgs = ["--max-semi-space-size=32", nextBin, dev ? "dev" : "start", "-p", String(env.PORT)];
  const startWeb = () =>
    spawnService("web", process.execPath, webArgs, {
      env: dev ? { ...childEnv, NODE_ENV: "development" } : childEnv,
      teeFile: path.join(logs, "web.log"),
    });
  const web = startWeb();
  supervise("web", asInstance(web), async () => asInstance(startWeb()));

  await waitFor("web server", async () => (await fetch(`http://127.0.0.1:${env.PORT}/api/health`)).ok, {
    timeoutMs: 180_000,
    intervalMs: 500,
    abort: web.exited,
  });
  say(`ready at http://localhost:${env.PORT}`);
}

main().catch(async (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[apfa] start failed: ${message}`);
  await stopAll(1);
});
