import fs from "node:fs";
import path from "node:path";

/**
 * One `next build` at a time per checkout: two instances started together (as the e2e suite
 * does) must not both write .next. The lock holds the builder's pid, so a lock left by a killed
 * build is recognised as stale and taken over.
 */
export async function withBuildLock<T>(root: string, fn: () => T | Promise<T>): Promise<T> {
  const lock = path.join(root, ".next-build.lock");
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      break;
    } catch {
      const holder = Number(fs.readFileSync(lock, "utf8"));
      if (!isAlive(holder)) fs.rmSync(lock, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

function isAlive(pid: number): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
