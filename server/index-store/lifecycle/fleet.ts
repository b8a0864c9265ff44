import { env } from "../../env";
import { getRedis } from "../../redis";
import { ackMessageSchema, fleetKey, type AckMessage } from "./swap-channel";

export interface FleetInstance extends AckMessage {
  /** Seen within three reconcile intervals: still running. */
  live: boolean;
}

/** Entries older than this are from instances long gone and are dropped. */
const FORGET_AFTER_MS = 60 * 60_000;

/** Each web instance's latest ack or heartbeat: which version it serves, and whether its last swap failed. */
export async function fleet(now = Date.now()): Promise<FleetInstance[]> {
  const entries = await getRedis().hgetall(fleetKey());
  const liveWithinMs = 3 * env.INDEX_RECONCILE_SECONDS * 1000;
  const instances: FleetInstance[] = [];
  const forgotten: string[] = [];
  for (const [instance, json] of Object.entries(entries)) {
    const parsed = ackMessageSchema.safeParse(JSON.parse(json));
    const age = parsed.success ? now - Date.parse(parsed.data.at) : Infinity;
    if (age > FORGET_AFTER_MS) forgotten.push(instance);
    else if (parsed.success) instances.push({ ...parsed.data, live: age <= liveWithinMs });
  }
  if (forgotten.length > 0) await getRedis().hdel(fleetKey(), ...forgotten);
  return instances.sort((a, b) => a.instance.localeCompare(b.instance));
}
