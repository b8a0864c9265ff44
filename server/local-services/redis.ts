import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { spawnService, tailOf, waitFor, type ServiceProcess } from "./child";

export interface LocalRedis {
  url: string;
  binary: string;
  /** The server process (its group leader): what a fault test kills. */
  pid: number;
  /** Settles when the server process ends, however it ends. */
  exited: ServiceProcess["exited"];
  stop(): Promise<void>;
}

export const INSTALL_REDIS_HELP = [
  "Redis is needed and none could be found or built.",
  "Install it, then run the command again:",
  "  Debian/Ubuntu:  sudo apt-get install -y redis-server",
  "  Fedora/RHEL:    sudo dnf install -y redis",
  "  macOS:          brew install redis",
  "or point APFA at a running Redis with REDIS_URL=redis://host:6379.",
].join("\n");

function onPath(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, binary);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The system redis-server, else the one redis-memory-server downloads and builds (needs internet). */
async function findRedisBinary(): Promise<string> {
  const system = onPath("redis-server");
  if (system) return system;
  try {
    // Optional dependency (its install downloads Redis source): a variable keeps bundlers and tsc from requiring it.
    const optionalModule = "redis-memory-server";
    const { RedisBinary } = (await import(optionalModule)) as {
      RedisBinary: { getPath(options?: object): Promise<string> };
    };
    return await RedisBinary.getPath({});
  } catch (error) {
    throw new Error(`${INSTALL_REDIS_HELP}\n(redis-memory-server: ${(error as Error).message})`);
  }
}

export function ping(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on("error", () => done(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (data) => done(data.toString().startsWith("+PONG")));
  });
}

export async function startLocalRedis(options: {
  dataDir: string;
  port: number;
  logFile: string;
}): Promise<LocalRedis> {
  const binary = await findRedisBinary();
  fs.mkdirSync(options.dataDir, { recursive: true });
  const service = spawnService(
    "redis",
    binary,
    [
      "--port",
      String(options.port),
      "--bind",
      "127.0.0.1",
      "--dir",
      path.resolve(options.dataDir),
      // Append-only file so queued jobs survive a restart; RDB snapshots as a second copy.
      "--appendonly",
      "yes",
      "--save",
      "60 1",
      "--daemonize",
      "no",
    ],
    { logFile: options.logFile },
  );
  try {
    await waitFor("Redis", () => ping(options.port), { abort: service.exited });
  } catch (error) {
    await service.stop("SIGKILL", 1000);
    throw new Error(`${(error as Error).message}\n${tailOf(options.logFile)}`);
  }
  return {
    url: `redis://127.0.0.1:${options.port}`,
    pid: service.child.pid!,
    binary,
    exited: service.exited,
    // On SIGTERM Redis flushes the append-only file and writes a final snapshot.
    stop: () => service.stop("SIGTERM", 30_000),
  };
}
