import { describe, expect, it } from "vitest";
import type { AdviceVersions } from "../agent";
import { DEFAULT_BIAS_POLICY } from "../bias";
import { createHashEmbedder, type Embedder } from "../embedding";
import type { IndexHold, LiveIndex } from "../index-store";
import type { Analyzer } from "../llm";
import { ReleasePool, type EngineSource } from "./pool";

/**
 * The pool on small stand-in engines: analyzers that record being closed, index holds that count
 * their pins and leases. What is under test is the pool's bookkeeping: sharing, the bound, eviction.
 */

interface World {
  source: EngineSource;
  opened: string[];
  closed: string[];
  holds: Map<string, { pins: number; leases: number; closed: boolean }>;
  failNext: Set<string>;
}

const embedder: Embedder = createHashEmbedder();

function world(releases: Record<string, Partial<AdviceVersions>>): World {
  const w: World = { source: undefined!, opened: [], closed: [], holds: new Map(), failNext: new Set() };
  w.source = {
    describe: async (release) => {
      const parts = releases[release];
      if (!parts) throw new Error(`there is no release ${release}`);
      return {
        embedder: "hash@1.0.0",
        index: "index-a",
        analyzer: "grounded@1.0.0",
        prompt: "prompt@1.0.0",
        biasPolicy: "policy@1.0.0",
        ...parts,
      };
    },
    embedder: async () => embedder,
    analyzer: async (ref): Promise<Analyzer> => {
      if (w.failNext.delete(ref)) throw new Error(`${ref} did not start`);
      w.opened.push(ref);
      return {
        kind: "grounded",
        version: ref,
        async *stream() {
          yield ref;
        },
        close: async () => void w.closed.push(ref),
      };
    },
    prompt: async (ref) => {
      if (w.failNext.delete(ref)) throw new Error(`${ref} does not verify`);
      return `prompt ${ref} in {maxTokens} tokens`;
    },
    biasPolicy: async () => DEFAULT_BIAS_POLICY,
    index: async (version): Promise<IndexHold> => {
      const state = w.holds.get(version) ?? { pins: 0, leases: 0, closed: false };
      w.holds.set(version, state);
      state.pins++;
      const index = {
        manifest: { version, embedderVersion: version === "index-other" ? "minilm@x" : embedder.version },
      } as unknown as LiveIndex;
      let released = false;
      return {
        version,
        index,
        lease: () => {
          if (state.closed) return null;
          state.leases++;
          return { index, done: () => void state.leases-- };
        },
        release: () => {
          if (!released) state.pins--;
          released = true;
        },
      };
    },
  };
  return w;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("ReleasePool", () => {
  it("keeps at most `capacity` releases live, evicting the least recently used one", async () => {
    const w = world({ r1: { analyzer: "a1" }, r2: { analyzer: "a2" }, r3: { analyzer: "a3" } });
    const pool = new ReleasePool(w.source, () => 2);
    await pool.load("r1");
    await pool.load("r2");
    pool.leaseNow("r1")!.done(); // r1 is now the more recently used
    await pool.load("r3");
    expect(pool.liveReleases().sort()).toEqual(["r1", "r3"]);
    await settle();
    expect(w.closed).toEqual(["a2"]);
    expect(pool.leaseNow("r2")).toBeNull();
  });

  it("never evicts a protected release (production), even when it is the least recently used", async () => {
    const w = world({ prod: { analyzer: "a0" }, r1: { analyzer: "a1" }, r2: { analyzer: "a2" } });
    const pool = new ReleasePool(w.source, () => 1);
    pool.protect("prod");
    await pool.load("prod");
    await pool.load("r1");
    expect(pool.liveReleases()).toEqual(["prod"]);
    // A candidate leased beyond the bound still answers: it is evicted, and closed once it is done.
    const lease = await pool.lease("r2");
    expect(lease.engines.analyzer.version).toBe("a2");
    expect(pool.liveReleases()).toEqual(["prod"]);
    lease.done();
    await settle();
    expect(w.closed).toEqual(["a1", "a2"]);
    // Production moves on as the serving decision moves it: the new one protected before it loads,
    // the old one unprotected after, and then evictable like any other.
    pool.protect("r1");
    await pool.load("r1");
    expect(pool.liveReleases().sort()).toEqual(["prod", "r1"]);
    pool.unprotect("prod");
    expect(pool.liveReleases()).toEqual(["r1"]);
  });

  it("shares one engine between releases that name the same component", async () => {
    const w = world({ r1: { prompt: "p1", index: "index-a" }, r2: { prompt: "p2", index: "index-b" } });
    const pool = new ReleasePool(w.source, () => 3);
    await Promise.all([pool.load("r1"), pool.load("r2")]);
    expect(w.opened).toEqual(["grounded@1.0.0"]);
    expect(pool.openAnalyzers()).toEqual(["grounded@1.0.0"]);
    const [one, two] = [pool.leaseNow("r1")!, pool.leaseNow("r2")!];
    expect(one.engines.analyzer).toBe(two.engines.analyzer);
    expect([one.engines.systemPrompt, two.engines.systemPrompt]).toEqual([
      "prompt p1 in {maxTokens} tokens",
      "prompt p2 in {maxTokens} tokens",
    ]);
    expect([one.engines.index.manifest.version, two.engines.index.manifest.version]).toEqual(["index-a", "index-b"]);
    expect(one.versions).toMatchObject({ prompt: "p1", index: "index-a", analyzer: "grounded@1.0.0" });
    one.done();
    two.done();
  });

  it("closes an evicted analyzer and unpins its index only after the requests running on it finish", async () => {
    const w = world({ r1: { analyzer: "a1", index: "i1" }, r2: { analyzer: "a2", index: "i2" } });
    const pool = new ReleasePool(w.source, () => 1);
    await pool.load("r1");
    const inFlight = pool.leaseNow("r1")!;
    await pool.load("r2"); // evicts r1 while a request runs on it
    await settle();
    expect(w.closed).toEqual([]);
    expect(w.holds.get("i1")).toEqual({ pins: 0, leases: 1, closed: false });
    inFlight.done();
    inFlight.done(); // a second done() changes nothing
    await settle();
    expect(w.closed).toEqual(["a1"]);
    expect(w.holds.get("i1")).toEqual({ pins: 0, leases: 0, closed: false });
  });

  it("does not cache a failed load, and gives back what it had acquired", async () => {
    const w = world({ r1: { analyzer: "a1", index: "i1" }, bad: { analyzer: "a1", index: "index-other" } });
    const pool = new ReleasePool(w.source, () => 3);
    await expect(pool.load("bad")).rejects.toThrow(
      /release bad could not be loaded: index index-other was built with embedder minilm@x/,
    );
    await settle();
    expect(w.closed).toEqual(["a1"]);
    expect(w.holds.get("index-other")?.pins).toBe(0);
    w.failNext.add("a1");
    await expect(pool.load("r1")).rejects.toThrow(/a1 did not start/);
    // A prompt that fails while the index was being pinned: the pin is given back too.
    w.failNext.add("prompt@1.0.0");
    await expect(pool.load("r1")).rejects.toThrow(/prompt@1.0.0 does not verify/);
    expect(w.holds.get("i1")?.pins).toBe(0);
    await pool.load("r1");
    expect(pool.liveReleases()).toEqual(["r1"]);
    expect(w.holds.get("i1")?.pins).toBe(1);
  });

  it("drops a release whose index was closed under it, so the next lease loads it again", async () => {
    const w = world({ r1: { index: "i1" } });
    const pool = new ReleasePool(w.source, () => 3);
    await pool.load("r1");
    w.holds.get("i1")!.closed = true;
    expect(pool.leaseNow("r1")).toBeNull();
    expect(pool.has("r1")).toBe(false);
    w.holds.get("i1")!.closed = false;
    const lease = await pool.lease("r1");
    expect(lease.release).toBe("r1");
    lease.done();
  });

  it("closes every analyzer on shutdown", async () => {
    const w = world({ r1: { analyzer: "a1" }, r2: { analyzer: "a2" } });
    const pool = new ReleasePool(w.source, () => 3);
    pool.protect("r1");
    await Promise.all([pool.load("r1"), pool.load("r2")]);
    await pool.close();
    expect(w.closed.sort()).toEqual(["a1", "a2"]);
    expect(pool.liveReleases()).toEqual([]);
  });
});
