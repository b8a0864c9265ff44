/**
 * `npm start`: the whole product on one machine. PostgreSQL and Redis are started locally
 * unless DATABASE_URL / REDIS_URL point elsewhere; then migrations and seed, the worker and
 * the web server. Where the services listen is recorded in <data dir>/running.json for the CLI.
 * Ctrl-C or SIGTERM stops them in reverse order: web, worker, Redis, PostgreSQL.
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

/** Stops with the others; if it ends on its own, everything stops (nothing runs half a product). */
function supervise(service: Stoppable & { exited: ServiceProcess["exited"] }) {
  running.push({ name: service.name, stop: service.stop });
  void service.exited.then(({ code, signal }) => {
    if (stopping) return;
    console.error(`[apfa] ${service.name} exited unexpectedly (code ${code}, signal ${signal}); stopping everything`);
    void stopAll(1);
  });
}

/** A child process of ours (worker, web): stopped with SIGTERM, given 20 s before SIGKILL. */
const superviseChild = (service: ServiceProcess) =>
  supervise({ name: service.name, exited: service.exited, stop: () => service.stop("SIGTERM", 20_000) });

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
    const postgres = await startLocalPostgres({
      dataDir: path.join(env.dataDir, "postgres"),
      port: await freePort(),
      password: secrets.postgresPassword,
      logFile: path.join(logs, "postgres.log"),
    });
    supervise({ name: "PostgreSQL", ...postgres });
    databaseUrl = postgres.url;
    say("PostgreSQL: ready");
  }

  let redisUrl = env.REDIS_URL;
  if (redisUrl) {
    say("Redis: using REDIS_URL");
  } else {
    say(`Redis: starting local server (data in ${path.relative(root, env.dataDir)}/redis)…`);
    const redis = await startLocalRedis({
      dataDir: path.join(env.dataDir, "redis"),
      port: await freePort(),
      logFile: path.join(logs, "redis.log"),
    });
    supervise({ name: "Redis", ...redis });
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
  superviseChild(
    spawnService("worker", process.execPath, [...tsx, "jobs/worker.ts"], {
      env: childEnv,
      teeFile: path.join(logs, "worker.log"),
    }),
  );

  say(`starting web server (${dev ? "development, hot reload" : "production build"})…`);
  // A larger young generation: each advice request allocates a lot of short-lived objects
  // (LangGraph configs, run trees), and 32 MB semi-spaces cut main-thread time per request ~15 %
  // (docs/benchmarks.md, chat latency).
  const webArgs = ["--max-semi-space-size=32", nextBin, dev ? "dev" : "start", "-p", String(env.PORT)];
  const web = spawnService("web", process.execPath, webArgs, {
    env: dev ? { ...childEnv, NODE_ENV: "development" } : childEnv,
    teeFile: path.join(logs, "web.log"),
  });
  superviseChild(web);

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
