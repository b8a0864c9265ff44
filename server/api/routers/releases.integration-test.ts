import { randomInt, randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { indexWith } from "@/test/index-fixture";
import { adviceRequests } from "../../advice";
import { getDb } from "../../db";
import { aliasedRelease, moveReleaseAlias, PRODUCTION } from "../../registry";
// Not ".." : the api index also exports createContext, which loads next-auth, and next-auth only loads inside Next.js.
import { createCaller } from "../root";

const ml = { id: randomUUID(), email: "ml@releases-router.test", name: "ML", role: "ml_engineer" as const };
const asMl = createCaller({ user: ml, partner: null });
/** Release versions are global in the shared test database: each test makes its own major line. */
const releaseVersion = () => `${randomInt(100, 1_000_000)}.0.0`;

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected the call to be refused");
}

beforeAll(async () => {
  await indexWith();
});

describe("releases.create and releases.list", () => {
  it("bundles the named analyzer with production's other parts, and lists it with its composition", async () => {
    const name = `analyzer-${randomInt(100, 1_000_000)}`;
    await asMl.registry.register({ kind: "analyzer", name, version: "2.0.0", provider: { kind: "grounded" } });
    const production = (await aliasedRelease(PRODUCTION))!;
    const version = releaseVersion();
    const created = await asMl.releases.create({ version, analyzer: `${name}@2.0.0`, changelog: "a new analyzer" });
    expect(created).toMatchObject({ version, createdBy: ml.email, analyzerModel: name, analyzerVersion: "2.0.0" });

    const listed = (await asMl.releases.list()).find((release) => release.version === version);
    expect(listed).toMatchObject({
      version,
      aliases: [],
      changelog: "a new analyzer",
      createdBy: ml.email,
      components: {
        analyzer: `${name}@2.0.0`,
        embedder: `${production.embedderModel}@${production.embedderVersion}`,
        index: production.indexVersion,
        prompt: `${production.promptModel}@${production.promptVersion}`,
        biasPolicy: `${production.biasPolicyModel}@${production.biasPolicyVersion}`,
      },
    });
    expect((await asMl.releases.list()).find((r) => r.aliases.includes(PRODUCTION))?.version).toBe(production.version);
  });

  it("refuses a part that is not registered or of another kind, naming the field, and stores nothing", async () => {
    const version = releaseVersion();
    expect(await refusal(asMl.releases.create({ version, analyzer: "nothing-here@1.0.0", changelog: "x" }))).toEqual({
      code: "NOT_FOUND",
      message: "--analyzer: nothing-here@1.0.0 is not registered",
    });
    expect(await refusal(asMl.releases.create({ version, analyzer: "advisor-prompt@1.0.0", changelog: "x" }))).toEqual({
      code: "BAD_REQUEST",
      message: "--analyzer: advisor-prompt is a prompt, not a analyzer",
    });
    expect((await asMl.releases.list()).some((release) => release.version === version)).toBe(false);
  });
});

describe("releases.timeline", () => {
  it("lists every move of production newest first, with who, why and what it replaced", async () => {
    const before = (await aliasedRelease(PRODUCTION))!;
    const version = releaseVersion();
    await asMl.releases.create({ version, changelog: "timeline" });
    const move = { alias: PRODUCTION, actor: ml.email } as const;
    await moveReleaseAlias({
      ...move,
      to: version,
      expected: before.version,
      action: "release.promote",
      reason: "try it",
    });
    await moveReleaseAlias({
      ...move,
      to: before.version,
      expected: version,
      action: "release.rollback",
      reason: "undo",
    });

    const [last, previous] = await asMl.releases.timeline();
    expect(previous).toMatchObject({
      release: version,
      previous: before.version,
      action: "release.promote",
      reason: "try it",
    });
    expect(last).toMatchObject({
      release: before.version,
      previous: version,
      action: "release.rollback",
      reason: "undo",
    });
    expect(last!.ledgerId).toBeGreaterThan(previous!.ledgerId);
  });
});

describe("releases.ofAdvice", () => {
  it("names the release and component versions an advice request was answered with", async () => {
    const [row] = await getDb()
      .insert(adviceRequests)
      .values({
        channel: "api",
        conversationId: randomUUID(),
        query: "which release?",
        status: "ok",
        release: "7.1.0",
        versions: { analyzer: "grounded@1.0.0", embedder: "hash-embedder@1.0.0" },
        timings: { totalMs: 12 },
      })
      .returning({ id: adviceRequests.id });
    expect(await asMl.releases.ofAdvice({ adviceId: row!.id })).toMatchObject({
      adviceId: row!.id,
      release: "7.1.0",
      versions: { analyzer: "grounded@1.0.0", embedder: "hash-embedder@1.0.0" },
      channel: "api",
      status: "ok",
    });
  });

  it("says when there is no such request", async () => {
    const id = randomUUID();
    expect(await refusal(asMl.releases.ofAdvice({ adviceId: id }))).toEqual({
      code: "NOT_FOUND",
      message: `advice request ${id}: there is no such request`,
    });
  });
});
