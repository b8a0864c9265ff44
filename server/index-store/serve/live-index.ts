import path from "node:path";
import type { IndexManifest } from "../tables";
import { env } from "../../env";
import { AppError } from "../../errors";
import { sha256Hex } from "../../hashing";
import { logger } from "../../logger";
import { countIndexSwap } from "../../metrics";
import { ATTR, withSpan } from "../../tracing";
import { indexKey } from "../keys";
import { openSearcher } from "./open-searcher";
import type { IndexSearcher } from "./searcher";
import { artifactStore } from "../../artifacts";
import { getVerified } from "../../artifacts";
import { CorruptArtifactError } from "../../artifacts";
import { activeIndexVersion, getIndexVersion } from "../versions";

/** One loaded index version in this process. */
export interface LiveIndex {
  manifest: IndexManifest;
  documentIds: Float64Array;
  searcher: IndexSearcher;
  memoryBytes: number;
  loadedAt: Date;
  loadMs: number;
}

/**
 * A loaded version plus who uses it: `leases` are searches in flight, `holds` are releases that
 * pin it (server/serving keeps several releases live, each with its index). A version is closed
 * once it is neither served nor held and its last search has finished.
 */
interface Served {
  index: LiveIndex;
  leases: number;
  holds: number;
  closed: boolean;
}

/** A lease on one loaded version: searches may use `index` until `done()`. */
export interface IndexLease {
  readonly index: LiveIndex;
  done(): void;
}

/** A release's pin on a loaded version: it stays loaded (even when not served) until `release()`. */
export interface IndexHold {
  readonly version: string;
  readonly index: LiveIndex;
  /** Synchronous and cheap: the per-request path. Null once the version was closed (closeLiveIndex). */
  lease(): IndexLease | null;
  /** Drops the pin; the version closes after its in-flight searches unless it is served or held elsewhere. */
  release(): void;
}

export interface SwapTarget {
  version: string;
  /** sha256 of the version's manifest.json. */
  sha256: string;
}

export interface SwapOutcome {
  version: string;
  ok: boolean;
  /** False when the version was already being served. */
  changed: boolean;
  loadMs: number;
  error?: string;
}

const log = logger.child("live-index");

// On globalThis: Next.js may evaluate this module more than once per process (route bundles).
const state: LiveIndexState = ((globalThis as unknown as { apfaLiveIndex?: LiveIndexState }).apfaLiveIndex ??= {
  served: null,
  others: new Set<Served>(),
  chain: Promise.resolve(),
});
interface LiveIndexState {
  /** The version the database calls active: what health and metrics report. */
  served: Served | null;
  /** Loaded versions that are not served: held by a release, or draining their last searches. */
  others: Set<Served>;
  /** Loads and swaps run one after another, never interleaved. */
  chain: Promise<unknown>;
}

/** The manifest named by a swap target, refused unless its bytes hash to the target's sha256. */
async function verifiedManifest(target: SwapTarget): Promise<IndexManifest> {
  const store = artifactStore();
  const key = indexKey(target.version, "manifest.json");
  const bytes = await store.get(key);
  const actual = sha256Hex(bytes);
  if (actual !== target.sha256)
    throw new CorruptArtifactError(store.uriOf(key), `sha256 ${actual}, expected ${target.sha256}`);
  const manifest = JSON.parse(bytes.toString("utf8")) as IndexManifest;
  if (manifest.version !== target.version) throw new Error(`manifest of ${target.version} names ${manifest.version}`);
  return manifest;
}

/** Row → document id, from the verified ids file (u64 per row). */
async function documentIdsOf(manifest: IndexManifest): Promise<Float64Array> {
  const bytes = await getVerified(artifactStore(), indexKey(manifest.version, "ids"), manifest.files.ids);
  // Each u64 (little-endian) as two u32 halves: converting BigInts one by one costs ~2× more, and
  // this runs while the search worker verifies the index file on the other cores.
  const words = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const documentIds = new Float64Array(words.length / 2);
  for (let row = 0; row < documentIds.length; row++) documentIds[row] = words[2 * row]! + words[2 * row + 1]! * 2 ** 32;
  return documentIds;
}

/**
 * Loads, verifies and warms a version without touching what is being served. The search worker
 * hashes the (large) index file while this thread reads the ids, so the two overlap.
 */
async function openVersion(target: SwapTarget): Promise<LiveIndex> {
  const started = performance.now();
  const manifest = await verifiedManifest(target);
  const store = artifactStore();
  const indexFile = { key: indexKey(target.version, "index"), cacheDir: path.join(env.dataDir, "cache") };
  const file = await store.localFile(indexFile.key, indexFile.cacheDir);
  const efSearch =
    manifest.kind === "hnsw" ? ((await getIndexVersion(manifest.version)).efSearch ?? undefined) : undefined;
  const searcher = openSearcher(file, manifest, efSearch);
  try {
    const [indexBytes, documentIds] = await Promise.all([searcher.ready, documentIdsOf(manifest)]);
    // Warm-up: the first search pays for page faults and JIT; a borrower should not.
    const probe = new Float32Array(manifest.dimensions).fill(1 / Math.sqrt(manifest.dimensions));
    await searcher.search(probe, 5);
    const loadMs = Math.round(performance.now() - started);
    return {
      manifest,
      documentIds,
      searcher,
      memoryBytes: indexBytes + documentIds.byteLength,
      loadedAt: new Date(),
      loadMs,
    };
  } catch (error) {
    await searcher.close().catch(() => undefined);
    // A download damaged on this disk would fail every later attempt too: the next one fetches it
    // afresh (a no-op for a local store, whose file is the artifact).
    await store.dropLocalFile(indexFile.key, indexFile.cacheDir).catch((dropError: unknown) => {
      log.warn("could not drop the local copy of a failed index", { version: target.version, error: dropError });
    });
    throw error;
  }
}

/** Closes a version nobody serves, holds or searches any more. */
function closeIfUnused(served: Served) {
  if (served === state.served || served.holds > 0 || served.leases > 0 || served.closed) return;
  served.closed = true;
  state.others.delete(served);
  void served.index.searcher.close().then(
    () => log.info("index released", { version: served.index.manifest.version }),
    (error: unknown) => log.error("closing a retired index failed", { version: served.index.manifest.version, error }),
  );
}

/** A loaded version, if this process has it (served, held by a release, or draining). */
function loadedVersion(version: string): Served | null {
  if (state.served?.index.manifest.version === version) return state.served;
  for (const other of state.others) if (other.index.manifest.version === version && !other.closed) return other;
  return null;
}

function leaseOf(served: Served): IndexLease {
  served.leases++;
  let done = false;
  return {
    index: served.index,
    done() {
      if (done) return;
      done = true;
      served.leases--;
      closeIfUnused(served);
    },
  };
}

/**
 * A swap as a span: how long this instance took to load a version, and whether it could. The
 * periodic reconcile that finds the version already served is no swap, and no span.
 */
function tracedSwap(target: SwapTarget): Promise<SwapOutcome> {
  if (state.served?.index.manifest.version === target.version) return swapNow(target);
  const options = { root: true, attributes: { [ATTR.indexVersion]: target.version } };
  return withSpan("index.swap", options, async (span) => {
    const outcome = await swapNow(target);
    span.setAttributes({ "apfa.index.changed": outcome.changed, "apfa.index.load_ms": outcome.loadMs });
    if (!outcome.ok) span.fail(outcome.error ?? "the swap failed");
    return outcome;
  });
}

async function swapNow(target: SwapTarget): Promise<SwapOutcome> {
  if (state.served?.index.manifest.version === target.version) {
    return { version: target.version, ok: true, changed: false, loadMs: 0 };
  }
  try {
    // A version a release already holds is served as it is: no second copy, no load time.
    const already = loadedVersion(target.version);
    const next = already ?? { index: await openVersion(target), leases: 0, holds: 0, closed: false };
    state.others.delete(next);
    const previous = state.served;
    state.served = next;
    if (previous) {
      state.others.add(previous);
      closeIfUnused(previous);
    }
    const loadMs = already ? 0 : next.index.loadMs;
    countIndexSwap("swapped");
    log.info("index swapped in", {
      version: target.version,
      previous: previous?.index.manifest.version,
      vectors: next.index.manifest.vectors,
      loadMs,
    });
    return { version: target.version, ok: true, changed: true, loadMs };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    countIndexSwap("failed");
    log.error("index swap failed; still serving the previous version", {
      version: target.version,
      serving: state.served?.index.manifest.version ?? null,
      error: message,
    });
    return { version: target.version, ok: false, changed: false, loadMs: 0, error: message };
  }
}

/**
 * Pins `target` for a release (loading, verifying and warming it first unless this process already
 * has it), beside whatever is served. Loads run on the same chain as swaps, so a version is never
 * loaded twice at once. Failures reject with the reason (a corrupt file, a missing manifest).
 */
export function holdIndex(target: SwapTarget): Promise<IndexHold> {
  const run = state.chain.then(async () => {
    let served = loadedVersion(target.version);
    if (!served) {
      served = { index: await openVersion(target), leases: 0, holds: 0, closed: false };
      state.others.add(served);
      log.info("index loaded for a release", { version: target.version, loadMs: served.index.loadMs });
    }
    return holdOf(served);
  });
  state.chain = run.catch(() => undefined);
  return run;
}

function holdOf(served: Served): IndexHold {
  served.holds++;
  let released = false;
  return {
    version: served.index.manifest.version,
    index: served.index,
    lease: () => (served.closed ? null : leaseOf(served)),
    release() {
      if (released) return;
      released = true;
      served.holds--;
      closeIfUnused(served);
    },
  };
}

/** Serves `target` from now on (after in-flight swaps): load, verify, warm, then switch atomically. */
export function swapTo(target: SwapTarget): Promise<SwapOutcome> {
  const run = state.chain.then(() => tracedSwap(target));
  state.chain = run.catch(() => undefined);
  return run;
}

/** Converges on the version the database says is active (start-up, missed messages). */
export async function reconcileWithDatabase(): Promise<SwapOutcome | null> {
  const active = await activeIndexVersion();
  if (!active) return null;
  if (!active.manifestSha256) {
    throw new AppError(
      "unavailable",
      `the active index ${active.version.slice(0, 12)} predates verified manifests: run setup`,
    );
  }
  if (state.served?.index.manifest.version === active.version) return null;
  return swapTo({ version: active.version, sha256: active.manifestSha256 });
}

/** The index being served, loading the active version first if this process has none yet. */
export async function getLiveIndex(): Promise<LiveIndex> {
  if (state.served) return state.served.index;
  const outcome = await reconcileWithDatabase();
  const loaded = peekLiveIndex();
  if (loaded) return loaded;
  throw new AppError(
    "unavailable",
    outcome?.error
      ? `the vector index could not be loaded: ${outcome.error}`
      : "no vector index is active yet: run `npm run cli -- setup` (npm start does it)",
  );
}

/**
 * Runs `work` against the served index, holding it: if a swap happens meanwhile, this search
 * still finishes on the version it started with, which is closed only after the last holder.
 */
export async function withLiveIndex<T>(work: (index: LiveIndex) => Promise<T>): Promise<T> {
  await getLiveIndex();
  const lease = leaseOf(state.served!);
  try {
    return await work(lease.index);
  } finally {
    lease.done();
  }
}

/** The served index, if any, without loading one (for health and metrics). */
export function peekLiveIndex(): LiveIndex | null {
  return state.served?.index ?? null;
}

/** Versions loaded in this process: the served one, then those held by releases or still finishing searches. */
export function loadedIndexes(): { version: string; memoryBytes: number; serving: boolean }[] {
  const all = [...(state.served ? [state.served] : []), ...state.others];
  return all.map((s) => ({
    version: s.index.manifest.version,
    memoryBytes: s.index.memoryBytes,
    serving: s === state.served,
  }));
}

export async function closeLiveIndex(): Promise<void> {
  await state.chain;
  const all = [...(state.served ? [state.served] : []), ...state.others];
  state.served = null;
  state.others.clear();
  for (const s of all) s.closed = true;
  await Promise.all(all.map((s) => s.index.searcher.close()));
}
