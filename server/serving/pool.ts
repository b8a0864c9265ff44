import type { AdviceEngines, AdviceVersions } from "../agent";
import type { BiasPolicy } from "../bias";
import type { Embedder } from "../embedding";
import type { IndexHold, IndexLease } from "../index-store";
import type { Analyzer } from "../llm";
import { logger } from "../logger";

/**
 * The releases one process keeps live, with their engines. Engines are shared by the component
 * they are built from (two releases naming grounded@1.0.0 use one analyzer), and closed only when
 * no live release names them and no request still runs on them. At most `capacity()` releases
 * stay live; the least recently used one that is not protected (production) is evicted first.
 */

/** Where engines come from: the registry in the product, small stand-ins in the pool's unit tests. */
export interface EngineSource {
  /** The release's components as the registry names them. */
  describe(release: string): Promise<AdviceVersions>;
  embedder(ref: string): Promise<Embedder>;
  analyzer(ref: string): Promise<Analyzer>;
  prompt(ref: string): Promise<string>;
  biasPolicy(ref: string): Promise<BiasPolicy>;
  index(version: string): Promise<IndexHold>;
}

/** One request's hold on a release's engines: `done()` frees the index lease and the analyzer. */
export interface ReleaseLease {
  release: string;
  versions: AdviceVersions;
  engines: AdviceEngines;
  done(): void;
}

interface Shared<T> {
  value: T;
  /** Live releases naming this component. */
  users: Set<string>;
  inFlight: number;
  closed: boolean;
}

interface LiveRelease {
  version: string;
  versions: AdviceVersions;
  embedder: Shared<Embedder>;
  analyzer: Shared<Analyzer>;
  systemPrompt: string;
  biasPolicy: BiasPolicy;
  index: IndexHold;
  /** Monotonic use counter: the least recently used release is evicted first. */
  lastUsed: number;
}

const log = logger.child("serving");

export class ReleasePool {
  private readonly live = new Map<string, LiveRelease>();
  private readonly loading = new Map<string, Promise<LiveRelease>>();
  private readonly embedders = new Map<string, Promise<Shared<Embedder>>>();
  private readonly analyzers = new Map<string, Promise<Shared<Analyzer>>>();
  private readonly closing = new Set<Promise<void>>();
  private readonly protectedReleases = new Set<string>();
  /** Which engine each cached promise resolved to, so closing one never evicts a newer open of the same key. */
  private readonly opened = new WeakMap<Promise<unknown>, Shared<unknown>>();
  private uses = 0;

  constructor(
    private readonly source: EngineSource,
    private readonly capacity: () => number,
  ) {}

  /** Releases never evicted (production): a switch protects the new one before unprotecting the old. */
  protect(version: string): void {
    this.protectedReleases.add(version);
  }

  unprotect(version: string): void {
    this.protectedReleases.delete(version);
    this.evictOverCapacity();
  }

  has(version: string): boolean {
    return this.live.has(version);
  }

  /** Versions live now, most recently used first (for health and tests). */
  liveReleases(): string[] {
    return [...this.live.values()].sort((a, b) => b.lastUsed - a.lastUsed).map((r) => r.version);
  }

  /** Analyzers open now (shared ones once): what a memory bound keeps small. */
  openAnalyzers(): string[] {
    return [...this.live.values()]
      .map((r) => r.analyzer)
      .filter((a, i, all) => all.indexOf(a) === i)
      .map((a) => a.value.version);
  }

  /**
   * The per-request path: a lease on a live release's engines, synchronous and without I/O. Null
   * when the release is not live (or its index was closed under it, which drops it): load it first.
   */
  leaseNow(version: string): ReleaseLease | null {
    const release = this.live.get(version);
    if (!release) return null;
    const indexLease = release.index.lease();
    if (!indexLease) {
      this.evict(release, "its index was closed");
      return null;
    }
    release.lastUsed = ++this.uses;
    return this.leaseOf(release, indexLease);
  }

  /**
   * A lease, loading the release's engines first when it is not live. The lease is taken before
   * the bound is enforced, so a release beyond it (a candidate under a bound of 1) still answers
   * and is closed once its lease is done.
   */
  async lease(version: string): Promise<ReleaseLease> {
    for (let attempt = 0; ; attempt++) {
      const now = this.leaseNow(version);
      if (now) {
        this.evictOverCapacity();
        return now;
      }
      if (attempt > 1) throw new Error(`release ${version} could not be kept live long enough to serve a request`);
      await this.loadLive(version);
    }
  }

  /** Loads a release's engines (sharing those already open) and makes it live; evicts over capacity. */
  async load(version: string): Promise<void> {
    await this.loadLive(version);
    this.evictOverCapacity();
  }

  private loadLive(version: string): Promise<void> {
    if (this.live.has(version)) return Promise.resolve();
    let pending = this.loading.get(version);
    if (!pending) {
      pending = this.open(version).finally(() => this.loading.delete(version));
      this.loading.set(version, pending);
    }
    return pending.then(() => undefined);
  }

  private async open(version: string): Promise<LiveRelease> {
    const started = performance.now();
    const versions = await this.source.describe(version);
    const acquired: { embedder?: Shared<Embedder>; analyzer?: Shared<Analyzer>; index?: IndexHold } = {};
    try {
      acquired.embedder = await this.shared(this.embedders, versions.embedder, version, () =>
        this.source.embedder(versions.embedder),
      );
      acquired.analyzer = await this.shared(this.analyzers, versions.analyzer, version, () =>
        this.source.analyzer(versions.analyzer),
      );
      // Settled together, so an index pinned while the prompt failed is still given back below.
      const [prompt, policy, pinned] = await Promise.allSettled([
        this.source.prompt(versions.prompt),
        this.source.biasPolicy(versions.biasPolicy),
        this.source.index(versions.index),
      ]);
      if (pinned.status === "fulfilled") acquired.index = pinned.value;
      for (const part of [prompt, policy, pinned]) if (part.status === "rejected") throw part.reason;
      const systemPrompt = (prompt as PromiseFulfilledResult<string>).value;
      const biasPolicy = (policy as PromiseFulfilledResult<BiasPolicy>).value;
      const index = acquired.index!;
      const embedderVersion = acquired.embedder.value.version;
      if (index.index.manifest.embedderVersion !== embedderVersion) {
        throw new Error(
          `index ${versions.index.slice(0, 12)} was built with embedder ${index.index.manifest.embedderVersion}, ` +
            `but ${versions.embedder} embeds with ${embedderVersion}: a release must pair an index with its embedder`,
        );
      }
      const release: LiveRelease = {
        version,
        versions,
        embedder: acquired.embedder,
        analyzer: acquired.analyzer,
        systemPrompt,
        biasPolicy,
        index,
        lastUsed: ++this.uses,
      };
      this.live.set(version, release);
      log.info("release loaded", { release: version, ...versions, ms: Math.round(performance.now() - started) });
      return release;
    } catch (error) {
      acquired.index?.release();
      if (acquired.embedder) this.drop(acquired.embedder, this.embedders, versions.embedder, version);
      if (acquired.analyzer) this.drop(acquired.analyzer, this.analyzers, versions.analyzer, version);
      throw new Error(`release ${version} could not be loaded: ${(error as Error).message}`, { cause: error });
    }
  }

  /**
   * One open engine per component, whoever asks first opens it, `user` counted among its users; a
   * failed open is not cached, and one closed while this waited for it is opened afresh.
   */
  private async shared<T>(
    cache: Map<string, Promise<Shared<T>>>,
    key: string,
    user: string,
    open: () => Promise<T>,
  ): Promise<Shared<T>> {
    for (;;) {
      let pending = cache.get(key);
      if (!pending) {
        pending = open().then((value) => {
          const opened: Shared<T> = { value, users: new Set<string>(), inFlight: 0, closed: false };
          this.opened.set(pending!, opened);
          return opened;
        });
        cache.set(key, pending);
        pending.catch(() => cache.delete(key));
      }
      const entry = await pending;
      if (entry.closed) continue;
      entry.users.add(user);
      return entry;
    }
  }

  private leaseOf(release: LiveRelease, indexLease: IndexLease): ReleaseLease {
    const { analyzer } = release;
    analyzer.inFlight++;
    let finished = false;
    return {
      release: release.version,
      versions: release.versions,
      engines: {
        release: release.version,
        versions: release.versions,
        embedder: release.embedder.value,
        index: indexLease.index,
        analyzer: analyzer.value,
        systemPrompt: release.systemPrompt,
        biasPolicy: release.biasPolicy,
      },
      done: () => {
        if (finished) return;
        finished = true;
        indexLease.done();
        analyzer.inFlight--;
        this.closeIfUnused(analyzer, this.analyzers, release.versions.analyzer);
      },
    };
  }

  private evictOverCapacity(): void {
    const limit = Math.max(1, this.capacity());
    while (this.live.size > limit) {
      const victim = [...this.live.values()]
        .filter((r) => !this.protectedReleases.has(r.version))
        .sort((a, b) => a.lastUsed - b.lastUsed)[0];
      if (!victim) return; // everything left is protected
      this.evict(victim, `more than ${limit} releases live`);
    }
  }

  /** Drops a release; its engines close once no live release names them and their requests finish. */
  private evict(release: LiveRelease, reason: string): void {
    if (this.live.get(release.version) !== release) return;
    this.live.delete(release.version);
    release.index.release();
    this.drop(release.embedder, this.embedders, release.versions.embedder, release.version);
    this.drop(release.analyzer, this.analyzers, release.versions.analyzer, release.version);
    log.info("release evicted", { release: release.version, reason });
  }

  private drop<T>(entry: Shared<T>, cache: Map<string, Promise<Shared<T>>>, key: string, user: string): void {
    entry.users.delete(user);
    this.closeIfUnused(entry, cache, key);
  }

  private closeIfUnused<T>(entry: Shared<T>, cache: Map<string, Promise<Shared<T>>>, key: string): void {
    if (entry.users.size > 0 || entry.inFlight > 0 || entry.closed) return;
    entry.closed = true;
    const cached = cache.get(key);
    if (cached && this.opened.get(cached) === entry) cache.delete(key);
    const close = (entry.value as { close?: () => Promise<void> }).close;
    if (!close) return;
    const closing: Promise<void> = close
      .call(entry.value)
      .then(
        () => log.info("engine closed", { component: key }),
        (error: unknown) => log.error("closing an engine failed", { component: key, error }),
      )
      .finally(() => this.closing.delete(closing));
    this.closing.add(closing);
  }

  /** Graceful shutdown: drops every release and closes every engine (requests still running are aborted by close). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.loading.values()]);
    this.protectedReleases.clear();
    for (const release of [...this.live.values()]) this.evict(release, "shutting down");
    const analyzers = await Promise.allSettled([...this.analyzers.values()]);
    this.analyzers.clear();
    this.embedders.clear();
    for (const entry of analyzers) {
      if (entry.status === "fulfilled" && !entry.value.closed) {
        entry.value.closed = true;
        await entry.value.value.close?.();
      }
    }
    await Promise.all([...this.closing]);
  }
}
