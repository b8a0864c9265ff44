import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectConsoleError } from "@/test/console";
import { indexWith } from "@/test/index-fixture";
import { uniqueLoan } from "@/test/loans";
import { startOpenAiServer, type OpenAiTestServer } from "@/test/openai-server";
import {
  moveProduction,
  registerBiasPolicy,
  registerOpenAiAnalyzer,
  registerPrompt,
  testRelease,
} from "@/test/releases";
import { runAdvice, type AdviceResult } from "../advice";
import { artifactStore } from "../artifacts";
import { checkBias } from "../bias";
import { getRedis } from "../redis";
import { activeIndexVersion, loadedIndexes, validateIndex } from "../index-store";
import { buildCandidate, embedAll } from "../index-store/pipeline";
import { loanDocumentSource } from "../ingest";
import {
  aliasedRelease,
  getModelVersion,
  PRODUCTION,
  releaseAckChannel,
  releaseChannel,
  type ReleaseAck,
} from "../registry";
import { answerWithRelease, liveServing, loadProduction, servedRelease, startReleaseSync } from ".";

/**
 * Several releases in one process, on real PostgreSQL and Redis: the seeded production release
 * (grounded analyzer, the active index) and a candidate with an OpenAI-compatible analyzer (a small
 * server this file starts), its own prompt, bias policy and index. Then a promotion under traffic.
 */

const QUESTION = "I rent and my utilization is 80%. Should I borrow $9,000 over 36 months?";
/** Conditions on a protected class: flagged under the default policy, not under the candidate's lenient one. */
const CANDIDATE_WORDS = ["because ", "of ", "your ", "age ", "we ", "suggest ", "36 ", "months."];

let production = "";
let candidate = "";
let candidateIndex = "";
let server: OpenAiTestServer;
let gate: { open: () => void; opened: Promise<void> };

function newGate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

beforeAll(async () => {
  await indexWith(Array.from({ length: 40 }, () => uniqueLoan()));
  production = (await aliasedRelease(PRODUCTION))!.version;
  // The candidate's own index: the same documents as HNSW.
  await embedAll(loanDocumentSource);
  const manifest = await buildCandidate("hnsw", "test");
  await validateIndex(manifest.version, { actor: "test" });
  candidateIndex = manifest.version;
  gate = newGate();
  gate.open();
  // Echoes the first word of the release's prompt, so the test sees which prompt reached it.
  server = await startOpenAiServer(
    async ({ system, user }) => {
      if (user.includes("hold me")) await gate.opened;
      return [`${system.split(" ")[0]} `, ...CANDIDATE_WORDS];
    },
    { delayMs: 10 },
  );
  candidate = await testRelease({
    analyzer: await registerOpenAiAnalyzer(server.baseUrl),
    prompt: await registerPrompt("CANDIDATE-PROMPT: answer in at most {maxTokens} tokens."),
    biasPolicy: await registerBiasPolicy({
      threshold: 0.99,
      weights: { protected: { conditioned: 0.2, mention: 0.05 }, proxy: { conditioned: 0.1, mention: 0.05 } },
    }),
    index: candidateIndex,
  });
  await loadProduction();
});

afterAll(async () => {
  if ((await aliasedRelease(PRODUCTION))!.version !== production) await moveProduction(production);
  await loadProduction();
  await server?.close();
});

describe("several releases in one process", () => {
  it("answers with two releases of different analyzers, prompts, policies and indexes at once", async () => {
    const active = (await activeIndexVersion())!.version;
    const [fromProduction, fromCandidate, served] = await Promise.all([
      answerWithRelease(production, QUESTION),
      answerWithRelease(candidate, QUESTION),
      runAdvice({ question: QUESTION, channel: "api", externalUserId: "serving-test" }),
    ]);

    expect(fromProduction).toMatchObject({
      release: production,
      versions: { index: active, analyzer: "grounded@1.0.0" },
    });
    expect(fromProduction.advice.length).toBeGreaterThan(50);
    expect(fromProduction.advice).not.toContain("CANDIDATE-PROMPT");
    expect(fromProduction.sources).toHaveLength(5);

    expect(fromCandidate.release).toBe(candidate);
    expect(fromCandidate.versions.index).toBe(candidateIndex);
    expect(fromCandidate.versions.analyzer).toMatch(/^openai-test-\d+@1\.0\.0$/);
    // Its prompt reached its analyzer, with the token budget filled in; its policy judged the answer.
    expect(fromCandidate.advice).toBe(`CANDIDATE-PROMPT: ${CANDIDATE_WORDS.join("")}`.trim());
    expect(server.requests.at(-1)!.system).toBe("CANDIDATE-PROMPT: answer in at most 200 tokens.");
    expect(checkBias(fromCandidate.advice).flagged).toBe(true);
    expect(fromCandidate.bias).toMatchObject({ flagged: false });
    expect(fromCandidate.sources.map((s) => s.id).sort()).toHaveLength(5);

    // The product's own requests stay on production, and nothing of the replay was stored or served.
    expect(served).toMatchObject({ status: "ok", release: production });
    expect(liveServing().releases).toEqual(expect.arrayContaining([production, candidate]));
    expect(liveServing().analyzers).toHaveLength(2);
    expect(loadedIndexes().map((l) => l.version)).toEqual(expect.arrayContaining([active, candidateIndex]));
  });
});

describe("following the production alias", () => {
  it("serves a promoted release within 2 s, finishes in-flight requests on the old one, and fails none", async () => {
    const acks: (ReleaseAck & { receivedAt: number })[] = [];
    const listener = new Redis(process.env.REDIS_URL!);
    await listener.subscribe(releaseAckChannel());
    listener.on("message", (_channel: string, json: string) =>
      acks.push({ ...(JSON.parse(json) as ReleaseAck), receivedAt: Date.now() }),
    );
    const stopSync = startReleaseSync();
    const samples: (Pick<AdviceResult, "status" | "release"> & { startedAt: number; endedAt: number })[] = [];
    let running = true;
    const client = async (n: number) => {
      for (let i = 0; running; i++) {
        const startedAt = Date.now();
        const result = await runAdvice({ question: QUESTION, channel: "api", externalUserId: `load-${n}-${i}` });
        samples.push({ status: result.status, release: result.release, startedAt, endedAt: Date.now() });
      }
    };
    // When each release became production, and when this instance served it.
    const timeline: { release: string; movedAt: number; servedAt: number }[] = [
      { release: production, movedAt: 0, servedAt: 0 },
    ];
    const promote = async (release: string) => {
      const movedAt = Date.now();
      await moveProduction(release);
      await getRedis().publish(
        releaseChannel(),
        JSON.stringify({ alias: PRODUCTION, release, at: new Date(movedAt).toISOString() }),
      );
      while (servedRelease() !== release) {
        if (Date.now() - movedAt > 10_000) throw new Error(`release ${release} was not served within 10 s`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const servedAt = Date.now();
      timeline.push({ release, movedAt, servedAt });
      return servedAt - movedAt;
    };

    try {
      await new Promise((resolve) => setTimeout(resolve, 100)); // the subscription is in place
      const clients = [client(1), client(2)];
      await new Promise((resolve) => setTimeout(resolve, 200));
      const toCandidate = await promote(candidate);
      await new Promise((resolve) => setTimeout(resolve, 300));

      // A request that is still running on the candidate when production moves back.
      gate = newGate();
      const inFlight = runAdvice({ question: `${QUESTION} hold me`, channel: "api", externalUserId: "in-flight" });
      while (!server.requests.some((r) => r.user.includes("hold me"))) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const back = await promote(production);
      await new Promise((resolve) => setTimeout(resolve, 300));
      gate.open();
      const held = await inFlight;
      running = false;
      await Promise.all(clients);

      expect(Math.max(toCandidate, back)).toBeLessThanOrEqual(2_000);
      expect(held).toMatchObject({ status: "ok", release: candidate });
      expect(held.advice).toContain("CANDIDATE-PROMPT");
      expect(samples.filter((s) => s.status !== "ok")).toEqual([]);
      expect(samples.length).toBeGreaterThan(10);
      // Every request was answered by a release that was production (or not yet replaced here) while it ran.
      const productionDuring = (s: { startedAt: number; endedAt: number }) =>
        new Set(
          timeline
            .filter((t, i) => t.movedAt <= s.endedAt && (timeline[i + 1]?.servedAt ?? Infinity) >= s.startedAt)
            .map((t) => t.release),
        );
      expect(samples.filter((s) => !productionDuring(s).has(s.release ?? ""))).toEqual([]);
      expect(new Set(samples.map((s) => s.release))).toEqual(new Set([production, candidate]));
      // Each move was acknowledged by this instance, naming the release it serves.
      const mine = acks.filter((a) => a.ok).map((a) => a.release);
      expect(mine).toEqual(expect.arrayContaining([candidate, production]));
    } finally {
      running = false;
      await stopSync();
      await listener.quit();
    }
  });

  it("keeps serving production, and acks the failure, when a promoted release cannot be loaded", async () => {
    // A release whose prompt no longer hashes to its registered sha256.
    const prompt = await registerPrompt("TAMPERED: answer in {maxTokens} tokens.");
    const [name, version] = prompt.split("@") as [string, string];
    const artifact = (await getModelVersion(name, version)).metadata.artifact!;
    await artifactStore().put(artifact.key, Buffer.from("a prompt someone changed in the store"));
    const broken = await testRelease({ prompt });

    const acks: ReleaseAck[] = [];
    const listener = new Redis(process.env.REDIS_URL!);
    await listener.subscribe(releaseAckChannel());
    listener.on("message", (_channel: string, json: string) => acks.push(JSON.parse(json) as ReleaseAck));
    const stopSync = startReleaseSync();
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const { result: failure } = await expectConsoleError(/could not switch to the production release/, async () => {
        await moveProduction(broken);
        await getRedis().publish(
          releaseChannel(),
          JSON.stringify({ alias: PRODUCTION, release: broken, at: new Date().toISOString() }),
        );
        for (const started = Date.now(); Date.now() - started < 10_000;) {
          const ack = acks.find((a) => !a.ok);
          if (ack) return ack;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        throw new Error("no failure ack within 10 s");
      });
      expect(failure).toMatchObject({ ok: false, release: production });
      expect(failure.error).toMatch(
        new RegExp(`release ${broken.replace(/\./g, "\\.")} could not be loaded: .*sha256`),
      );
      expect(servedRelease()).toBe(production);
      expect(await runAdvice({ question: QUESTION, channel: "api", externalUserId: "still-served" })).toMatchObject({
        status: "ok",
        release: production,
      });
    } finally {
      await moveProduction(production);
      await stopSync();
      await listener.quit();
    }
  });
});
