import { randomUUID } from "node:crypto";
import os from "node:os";
import { env } from "../../env";
import { logger } from "../../logger";
import { countIndexSwap } from "../../metrics";
import { createRedis, getRedis } from "../../redis";
import { peekLiveIndex, reconcileWithDatabase, swapTo, type SwapOutcome } from "../serve/live-index";
import { artifactStore } from "../../artifacts";
import { ackChannel, fleetKey, swapChannel, swapMessageSchema, type AckMessage } from "./swap-channel";

const log = logger.child("index-sync");

/** This process as the fleet view names it (on globalThis: Next.js may load this module more than once). */
export const instanceId = ((globalThis as unknown as { apfaInstanceId?: string }).apfaInstanceId ??=
  `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`);

async function acknowledge(outcome: SwapOutcome): Promise<void> {
  const ack: AckMessage = {
    instance: instanceId,
    version: outcome.ok ? outcome.version : (peekLiveIndex()?.manifest.version ?? ""),
    ok: outcome.ok,
    loadMs: outcome.loadMs,
    ...(outcome.ok ? {} : { error: `could not load ${outcome.version.slice(0, 12)}: ${outcome.error}` }),
    at: new Date().toISOString(),
  };
  const json = JSON.stringify(ack);
  await getRedis().multi().hset(fleetKey(), instanceId, json).publish(ackChannel(), json).exec();
}

/** Refreshes this instance's fleet entry, so the console can tell live instances from gone ones. */
async function heartbeat(): Promise<void> {
  const served = peekLiveIndex();
  if (!served) return;
  const entry: AckMessage = {
    instance: instanceId,
    version: served.manifest.version,
    ok: true,
    loadMs: served.loadMs,
    at: new Date().toISOString(),
  };
  await getRedis().hset(fleetKey(), instanceId, JSON.stringify(entry));
}

async function onSwapMessage(raw: string): Promise<void> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return log.warn("ignored a swap message that is not JSON", { message: raw.slice(0, 200) });
  }
  const parsed = swapMessageSchema.safeParse(json);
  if (!parsed.success) return log.warn("ignored a malformed swap message", { message: raw.slice(0, 200) });
  const message = parsed.data;
  // Instances read only their own configured store: a message cannot point them elsewhere.
  const expectedUri = artifactStore().uriOf(`indexes/${message.version}`);
  if (message.uri !== expectedUri) {
    const error = `swap message points to ${message.uri}, but this instance reads ${expectedUri}`;
    log.error("refused a swap message for another artifact store", { version: message.version, error });
    countIndexSwap("failed");
    return acknowledge({ version: message.version, ok: false, changed: false, loadMs: 0, error });
  }
  await acknowledge(await swapTo(message));
}

/**
 * Keeps this web instance on the active index: follows swap messages as they are published, and
 * checks the database pointer at start and every INDEX_RECONCILE_SECONDS in case one was missed
 * (the instance was restarting, Redis was briefly unreachable). Returns a stop function.
 */
export function startIndexSync(): () => Promise<void> {
  const subscriber = createRedis("index-swap", { blocking: true });
  subscriber.on("message", (channel: string, message: string) => {
    if (channel !== swapChannel()) return;
    onSwapMessage(message).catch((error: unknown) => log.error("handling a swap message failed", { error }));
  });
  void subscriber.subscribe(swapChannel()).catch((error: unknown) => log.error("subscribe failed", { error }));

  const reconcile = async () => {
    try {
      const outcome = await reconcileWithDatabase();
      // A reconcile that found the swap already done by a message has nothing new to report.
      if (outcome && (outcome.changed || !outcome.ok)) await acknowledge(outcome);
      else await heartbeat();
    } catch (error) {
      log.error("index reconcile failed", { error });
    }
  };
  void reconcile();
  const timer = setInterval(() => void reconcile(), env.INDEX_RECONCILE_SECONDS * 1000);
  timer.unref();
  log.info("following index swaps", { instance: instanceId, channel: swapChannel() });

  return async () => {
    clearInterval(timer);
    await getRedis()
      .hdel(fleetKey(), instanceId)
      .catch(() => undefined);
    await subscriber.quit().catch(() => subscriber.disconnect());
  };
}
