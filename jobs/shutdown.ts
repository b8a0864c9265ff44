import { logger } from "@/server/logger";

/**
 * Ordered graceful shutdown: steps run in the order registered (stop taking work, let
 * active jobs finish, then close connections); a second signal forces exit.
 */
export function onShutdown(steps: { name: string; run: () => Promise<void> }[], timeoutMs = 30_000): void {
  const log = logger.child("shutdown");
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn("second signal: exiting now", { signal });
      process.exit(1);
    }
    stopping = true;
    log.info("stopping", { signal });
    const timer = setTimeout(() => {
      log.error("shutdown timed out; exiting", { timeoutMs });
      process.exit(1);
    }, timeoutMs);
    for (const step of steps) {
      try {
        await step.run();
        log.info(`${step.name} stopped`);
      } catch (error) {
        log.error(`${step.name} failed to stop cleanly`, { error });
      }
    }
    clearTimeout(timer);
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(signal));
  // Started by a supervisor that was killed outright: stop rather than linger as an orphan.
  const parent = process.ppid;
  if (parent !== 1) setInterval(() => process.ppid !== parent && void stop("parent exited"), 1_000).unref();
}
