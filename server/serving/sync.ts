import { env } from "../env";
import { instanceId } from "../index-store";
import { logger } from "../logger";
import { knownFailure } from "../outage";
import { createRedis, getRedis } from "../redis";
import { experimentsChannel } from "../experiments";
import {
  releaseAckChannel,
  releaseChannel,
  releaseFleetKey,
  releaseMovedSchema,
  PRODUCTION,
  type ReleaseAck,
} from "../registry";
import { loadProduction, servedRelease } from "./decide";
import { refreshExperiments } from "./experiment-arms";

const log = logger.child("release-sync");

async function acknowledge(ack: Omit<ReleaseAck, "instance" | "at">): Promise<void> {
  const entry: ReleaseAck = { instance: instanceId, ...ack, at: new Date().toISOString() };
  const json = JSON.stringify(entry);
  await getRedis().multi().hset(releaseFleetKey(), instanceId, json).publish(releaseAckChannel(), json).exec();
}

/**
 * Converges on the production release the database names: loads its engines, switches, and acks
 * (a failure too, naming why, while the previous release keeps serving). A timer's reconcile that
 * finds nothing new only refreshes the fleet entry, so the console can tell live instances apart.
 */
async function converge(reason: string): Promise<void> {
  const before = servedRelease();
  const started = performance.now();
  try {
    const [release] = await Promise.all([loadProduction(), refreshExperiments()]);
    const loadMs = Math.round(performance.now() - started);
    if (release && release !== before) log.info("serving release", { release, previous: before, reason, loadMs });
    if (release !== before || reason === "message") await acknowledge({ release: release ?? "", ok: true, loadMs });
    else await getRedis().hset(releaseFleetKey(), instanceId, JSON.stringify(heartbeat()));
  } catch (error) {
    // "PostgreSQL is unavailable: …" rather than drizzle's "Failed query: <the SQL>" during an outage.
    const message = knownFailure(error)?.message ?? (error instanceof Error ? error.message : String(error));
    log.error("could not switch to the production release; still serving the previous one", {
      serving: servedRelease(),
      reason,
      error: message,
    });
    await acknowledge({
      release: servedRelease() ?? "",
      ok: false,
      loadMs: Math.round(performance.now() - started),
      error: message,
    });
  }
}

function heartbeat(): ReleaseAck {
  return { instance: instanceId, release: servedRelease() ?? "", ok: true, loadMs: 0, at: new Date().toISOString() };
}

/**
 * Keeps this web instance on the production release: follows release moves as they are published
 * on releaseChannel(), and re-reads the production alias at start and every INDEX_RECONCILE_SECONDS
 * in case a message was missed. A message only says "look again": the release comes from the
 * database. Returns a stop function.
 */
export function startReleaseSync(): () => Promise<void> {
  const subscriber = createRedis("release-sync", { blocking: true });
  subscriber.on("message", (channel: string, raw: string) => {
    if (channel === experimentsChannel()) {
      refreshExperiments().catch((error: unknown) => log.error("re-reading the running experiments failed", { error }));
      return;
    }
    if (channel !== releaseChannel()) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return log.warn("ignored a release message that is not JSON", { message: raw.slice(0, 200) });
    }
    const parsed = releaseMovedSchema.safeParse(json);
    if (!parsed.success) return log.warn("ignored a malformed release message", { message: raw.slice(0, 200) });
    if (parsed.data.alias !== PRODUCTION) return;
    converge("message").catch((error: unknown) => log.error("handling a release message failed", { error }));
  });
  void subscriber
    .subscribe(releaseChannel(), experimentsChannel())
    .catch((error: unknown) => log.error("subscribe failed", { error }));

  const reconcile = () =>
    converge("reconcile").catch((error: unknown) => log.error("release reconcile failed", { error }));
  void reconcile();
  const timer = setInterval(() => void reconcile(), env.INDEX_RECONCILE_SECONDS * 1000);
  timer.unref();
  log.info("following release moves", { instance: instanceId, channel: releaseChannel() });

  return async () => {
    clearInterval(timer);
    await getRedis()
      .hdel(releaseFleetKey(), instanceId)
      .catch(() => undefined);
    await subscriber.quit().catch(() => subscriber.disconnect());
  };
}
