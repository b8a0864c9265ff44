import { randomInt, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexWith } from "@/test/index-fixture";
import { adviceRequests } from "../../advice";
import { auditLog } from "../../audit";
import { getDb } from "../../db";
import { createPartnerKey, verifyPartnerKey } from "../../partners";
import { aliasedRelease, createRelease, moveReleaseAlias, PRODUCTION } from "../../registry";
import { createCaller } from "../root";
import { mutateAs, refusal } from "@/test/trpc";

const ml = { id: randomUUID(), email: "ml@registry-router.test", name: "ML", role: "ml_engineer" as const };
const asMl = createCaller({ user: ml, partner: null });
const unique = () => `${randomInt(100, 1_000_000)}`;

/** An OpenAI-compatible server as far as registration asks: GET /models answers. */
let llm: http.Server;
let llmUrl: string;

beforeAll(async () => {
  await indexWith();
  llm = http.createServer((request, response) => {
    response.writeHead(request.url === "/v1/models" ? 200 : 404, { "content-type": "application/json" });
    response.end(JSON.stringify({ data: [{ id: "stand-in" }] }));
  });
  await new Promise<void>((resolve) => llm.listen(0, "127.0.0.1", resolve));
  llmUrl = `http://127.0.0.1:${(llm.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  await new Promise((resolve) => llm?.close(resolve));
});

describe("registry.register (the console's form)", () => {
  it("registers an OpenAI-compatible analyzer with its settings, and lists it under its model", async () => {
    const name = `openai-${unique()}`;
    const row = await asMl.registry.register({
      kind: "analyzer",
      name,
      version: "1.1.0",
      provider: { kind: "openai", baseUrl: llmUrl, model: "stand-in" },
      changelog: "a served model",
      trainingData: "none of ours",
      tags: ["candidate"],
    });
    expect(row).toMatchObject({ model: name, version: "1.1.0", createdBy: ml.email, tags: ["candidate"] });

    const model = (await asMl.registry.models()).find((m) => m.name === name);
    expect(model).toMatchObject({ kind: "analyzer", aliases: [] });
    expect(model?.versions).toHaveLength(1);
    expect(model?.versions[0]?.metadata).toEqual({
      provider: { kind: "openai", baseUrl: llmUrl, model: "stand-in" },
      trainingData: "none of ours",
    });
    const [entry] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "registry.register"), eq(auditLog.target, `${name}@1.1.0`)));
    expect(entry?.actor).toBe(ml.email);
  });

  it("stores a prompt pasted as text as an artifact with its sha256, and refuses the same version twice", async () => {
    const name = `prompt-${unique()}`;
    const row = await asMl.registry.register({ kind: "prompt", name, version: "1.0.0", text: "Answer briefly." });
    expect(row.metadata.artifact?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(row.metadata.artifact?.uri).toContain(`${name}/1.0.0`);
    expect(await refusal(asMl.registry.register({ kind: "prompt", name, version: "1.0.0", text: "Other." }))).toEqual({
      code: "CONFLICT",
      message: `--version: ${name}@1.0.0 is already registered, and versions are immutable: register a new version`,
    });
  });

  it.each([
    {
      what: "an analyzer without a provider",
      input: { kind: "analyzer", name: "x", version: "1.0.0" },
      message: "provider: choose the grounded writer or an OpenAI-compatible server",
    },
    {
      what: "a prompt without text",
      input: { kind: "prompt", name: "x", version: "1.0.0" },
      message: "text: paste the prompt's text",
    },
    {
      what: "a GGUF analyzer (a file on the server)",
      input: { kind: "analyzer", name: "x", version: "1.0.0", provider: { kind: "llama" } },
      message:
        "provider: a llama version is a file on the server: register it with the CLI (registry register --file PATH)",
    },
  ])("refuses $what, naming the field", async ({ input, message }) => {
    expect(await mutateAs(ml, "registry.register", input)).toEqual({ status: 400, message });
  });

  it("refuses an invalid semver and a server that does not answer, naming the field and storing nothing", async () => {
    const name = `refused-${unique()}`;
    expect(
      await refusal(asMl.registry.register({ kind: "analyzer", name, version: "1.0", provider: { kind: "grounded" } })),
    ).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^--version: "1.0" is not a semantic version/),
    });
    const down = await refusal(
      asMl.registry.register({
        kind: "analyzer",
        name,
        version: "1.0.0",
        provider: { kind: "openai", baseUrl: `${llmUrl}/nowhere`, model: "m" },
      }),
    );
    expect(down).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^--openai-base-url: GET .* HTTP 404$/),
    });
    expect((await asMl.registry.models()).some((m) => m.name === name)).toBe(false);
  });
});

describe("registry.setAlias", () => {
  it("points an alias at a version, moves it, and says who moved it", async () => {
    const name = `aliased-${unique()}`;
    for (const version of ["1.0.0", "1.1.0"]) {
      await asMl.registry.register({ kind: "analyzer", name, version, provider: { kind: "grounded" } });
    }
    await asMl.registry.setAlias({ model: name, alias: "staging", version: "1.1.0" });
    await asMl.registry.setAlias({ model: name, alias: "staging", version: "1.0.0" });
    const model = (await asMl.registry.models()).find((m) => m.name === name);
    expect(model?.aliases).toEqual([
      { alias: "staging", version: "1.0.0", movedBy: ml.email, movedAt: expect.any(Date) },
    ]);
    expect(await refusal(asMl.registry.setAlias({ model: name, alias: "staging", version: "9.9.9" }))).toEqual({
      code: "NOT_FOUND",
      message: `version: ${name}@9.9.9 is not registered`,
    });
    expect(await refusal(asMl.registry.setAlias({ model: name, alias: "Not An Alias", version: "1.0.0" }))).toEqual({
      code: "BAD_REQUEST",
      message: 'alias: "Not An Alias" must be 1–32 lowercase letters, digits or "-", starting with a letter',
    });
  });
});

describe("registry.metrics (live, from stored advice requests)", () => {
  it("aggregates requests, latency, satisfaction and bias flags per component version", async () => {
    const analyzer = `metrics-${unique()}@1.0.0`;
    const served = [
      { ms: 100, rating: 5, flagged: false, status: "ok" as const },
      { ms: 200, rating: 3, flagged: true, status: "ok" as const },
      { ms: 300, rating: null, flagged: false, status: "ok" as const },
      { ms: 400, rating: null, flagged: null, status: "ok" as const },
      { ms: 9_000, rating: null, flagged: null, status: "error" as const },
    ];
    await getDb()
      .insert(adviceRequests)
      .values(
        served.map((request) => ({
          channel: "api" as const,
          conversationId: randomUUID(),
          query: "metrics question",
          status: request.status,
          release: "metrics-release",
          versions: { analyzer, embedder: "hash-embedder@1.0.0" },
          timings: { totalMs: request.ms },
          rating: request.rating,
          biasFlagged: request.flagged,
        })),
      );

    const row = (await asMl.registry.metrics()).find((m) => m.component === "analyzer" && m.version === analyzer);
    expect(row).toEqual({
      component: "analyzer",
      version: analyzer,
      requests: 5,
      errors: 1,
      // Answered requests only: the error's 9 s is how fast it failed.
      meanLatencyMs: 250,
      // percentile_cont over 100, 200, 300, 400: 300 + 0.85 × 100.
      p95LatencyMs: 385,
      meanRating: 4,
      ratings: 2,
      // Of the three requests the bias check looked at, one was flagged.
      biasFlagRate: 1 / 3,
    });
    // A window after them leaves them out.
    const later = await asMl.registry.metrics({ since: new Date(Date.now() + 60_000) });
    expect(later.find((m) => m.version === analyzer)).toBeUndefined();
  });
});

describe("registry.productionAt", () => {
  it("answers from the ledger: nothing before the first move, then the release moved there, with its parts", async () => {
    expect(await asMl.registry.productionAt({ at: new Date("2000-01-01T00:00:00Z") })).toBeNull();

    const before = await aliasedRelease(PRODUCTION);
    const release = await createRelease({ version: `${unique()}.0.0`, changelog: "production at T" }, ml.email);
    await moveReleaseAlias({
      alias: PRODUCTION,
      to: release.version,
      expected: before?.version ?? null,
      actor: ml.email,
      action: "release.promote",
      reason: "production at T",
    });
    const [move] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "release.promote"), eq(auditLog.target, release.version)));
    const answer = await asMl.registry.productionAt({ at: move!.at });
    expect(answer).toMatchObject({
      release: release.version,
      previous: before?.version ?? null,
      actor: ml.email,
      reason: "production at T",
      components: { analyzer: "grounded@1.0.0", prompt: "advisor-prompt@1.0.0" },
    });
    // Just before the move, production was what it replaced.
    const justBefore = await asMl.registry.productionAt({ at: new Date(move!.at.getTime() - 1) });
    expect(justBefore?.release ?? null).toBe(before?.version ?? null);
    if (before) {
      await moveReleaseAlias({
        alias: PRODUCTION,
        to: before.version,
        expected: release.version,
        actor: ml.email,
        action: "release.rollback",
        reason: "restore after the production-at-T test",
      });
    }
  });
});

describe("partners with a registry:read key", () => {
  it("read the registry as the console does; a key with only the advice scope is refused", async () => {
    const reader = await createPartnerKey({ name: `registry reader ${unique()}`, scopes: ["registry:read"] }, "test");
    const advice = await createPartnerKey({ name: `advice only ${unique()}`, scopes: ["advice"] }, "test");
    const asReader = createCaller({ user: null, partner: await verifyPartnerKey(reader.key), partnerKeySent: true });
    const asAdvice = createCaller({ user: null, partner: await verifyPartnerKey(advice.key), partnerKeySent: true });

    expect((await asReader.registry.models()).map((m) => m.name)).toEqual(
      (await asMl.registry.models()).map((m) => m.name),
    );
    expect(await refusal(asAdvice.registry.models())).toEqual({
      code: "FORBIDDEN",
      message: "This API key lacks the 'registry:read' scope.",
    });
    // Reading is all the scope grants.
    expect(
      await refusal(
        asReader.registry.register({ kind: "analyzer", name: "x", version: "1.0.0", provider: { kind: "grounded" } }),
      ),
    ).toMatchObject({ code: "UNAUTHORIZED" });
  });
});
