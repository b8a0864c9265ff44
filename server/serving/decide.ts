import { env } from "../env";
import { AppError } from "../errors";
import { logger } from "../logger";
import { aliasedRelease, PRODUCTION } from "../registry";
import { registryEngines } from "./engines";
import { armFor, experimentsRunning } from "./experiment-arms";
import { ReleasePool, type ReleaseLease } from "./pool";

/**
 * One decision per request: which release answers it, with which engines. The production
 * release's engines are loaded ahead (warm-up, the release sync), so a decision is a couple of
 * map look-ups and counters, with no database or Redis on the way.
 */

/** Who is asking, and through what: what an experiment (next issue) will assign variants by. */
export interface ServingRequest {
  userId?: string;
  channel: "chat" | "api";
}

/**
 * What serves one request; `done()` (once, whatever the outcome) releases the index lease. An
 * experiment's arm names the experiment and the variant (0 is control).
 */
export type ServingDecision = ReleaseLease & { experiment?: string; variant?: number };

const log = logger.child("serving");

interface ServingState {
  pool: ReleasePool;
  /** The release production requests are answered with in this process. */
  production: string | null;
  /** Switches run one after another: the last database read wins, never an older one. */
  chain: Promise<unknown>;
}

// On globalThis: Next.js may evaluate this module more than once per process (route bundles).
const state: ServingState = ((globalThis as unknown as { apfaServing?: ServingState }).apfaServing ??= {
  pool: new ReleasePool(registryEngines, () => env.APFA_LIVE_RELEASES),
  production: null,
  chain: Promise.resolve(),
});

/**
 * The synchronous decision for a request no experiment can claim, or null: production's engines
 * are not loaded yet, or an experiment runs and the request has a user id (decideServing asks).
 */
export function decideServingNow(request: ServingRequest): ServingDecision | null {
  if (!state.production) return null;
  if (request.userId && experimentsRunning().length > 0) return null;
  return state.pool.leaseNow(state.production);
}

/**
 * Decides which release serves this request: the arm of a running experiment the user takes part
 * in, else production. Only the first requests after start (or to a new arm) wait for loading.
 */
export async function decideServing(request: ServingRequest): Promise<ServingDecision> {
  const arm = await armFor(request.userId);
  if (arm) return { ...(await state.pool.lease(arm.release)), experiment: arm.experiment, variant: arm.variant };
  const now = decideServingNow(request);
  if (now) return now;
  const production = await loadProduction();
  if (!production) {
    throw new AppError(
      "unavailable",
      "no release is in production yet: run `npm run cli -- setup` (npm start does it) to register one",
    );
  }
  return state.pool.lease(production);
}

/**
 * Loads the release on the production alias and serves it from now on: its engines are loaded
 * first, then the switch is one assignment, so requests already running finish on the release
 * they started with. Returns the release served (null when none is in production).
 */
export function loadProduction(): Promise<string | null> {
  const run = state.chain.then(async () => {
    const row = await aliasedRelease(PRODUCTION);
    if (!row) return state.production;
    await switchProduction(row.version);
    return row.version;
  });
  state.chain = run.catch(() => undefined);
  return run;
}

/** Serves `version` as production once its engines are loaded (a failed load leaves the old one serving). */
async function switchProduction(version: string): Promise<void> {
  if (state.production === version && state.pool.has(version)) return;
  state.pool.protect(version);
  try {
    await state.pool.load(version);
  } catch (error) {
    if (state.production !== version) state.pool.unprotect(version);
    throw error;
  }
  const previous = state.production;
  state.production = version;
  if (previous && previous !== version) {
    state.pool.unprotect(previous);
    log.info("production release switched", { release: version, previous });
  }
}

/** The production release this process serves, if loaded (health, acks). */
export function servedRelease(): string | null {
  return state.production && state.pool.has(state.production) ? state.production : null;
}

/** Releases and analyzers live in this process (health, tests). */
export function liveServing(): { production: string | null; releases: string[]; analyzers: string[] } {
  return { production: servedRelease(), releases: state.pool.liveReleases(), analyzers: state.pool.openAnalyzers() };
}

/**
 * A lease on any release's engines (loading them if needed), for the worker's shadow replay of a
 * candidate: the same pool, so its memory bound holds there too. Call `done()` when finished.
 */
export function enginesForRelease(version: string): Promise<ServingDecision> {
  return state.pool.lease(version);
}

/** Graceful shutdown: closes every loaded analyzer (and forgets the releases); the index is closed by index-store. */
export async function closeServing(): Promise<void> {
  await state.chain.catch(() => undefined);
  const pool = state.pool;
  state.pool = new ReleasePool(registryEngines, () => env.APFA_LIVE_RELEASES);
  state.production = null;
  await pool.close();
}
