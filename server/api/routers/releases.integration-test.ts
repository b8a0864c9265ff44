import { randomInt, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { indexWith } from "@/test/index-fixture";
import { registerPrompt } from "@/test/releases";
import { adviceRequests, runAdvice } from "../../advice";
import { getDb } from "../../db";
import { ensureFairnessAudit } from "../../fairness-audits";
import { aliasedRelease, moveReleaseAlias, PRODUCTION } from "../../registry";
import { promotionPolicy, runShadowReplay } from "../../releases";
import { createCaller } from "../root";
import { refusal } from "@/test/trpc";

const ml = { id: randomUUID(), email: "ml@releases-router.test", name: "ML", role: "ml_engineer" as const };
const asMl = createCaller({ user: ml, partner: null });
const admin = { id: randomUUID(), email: "admin@releases-router.test", name: "Admin", role: "admin" as const };
const asAdmin = createCaller({ user: admin, partner: null });
/** Release versions are global in the shared test database: each test makes its own major line. */
const releaseVersion = () => `${randomInt(100, 1_000_000)}.0.0`;

beforeAll(async () => {
  await indexWith();
  // Production questions for shadow replays to replay, stored as the chat stores them.
  for (const question of ["Should I take a 36 month loan for $12,000?", "How much can I borrow on $60,000 a year?"]) {
    await runAdvice({ question, channel: "chat" });
  }
});

const production = async () => (await aliasedRelease(PRODUCTION))!.version;

/** A candidate that differs from production only in its prompt (the grounded advisor answers the same). */
async function candidate(): Promise<string> {
  const prompt = await registerPrompt("Answer in at most {maxTokens} tokens, from the loans given.");
  const version = releaseVersion();
  await asMl.releases.create({ version, prompt, changelog: "a shorter prompt" });
  return version;
}

describe("an ML engineer takes a release to production and an admin rolls it back", () => {
  it("replays, is approved by a second person, promotes on what it saw, and the ledger shows each step", async () => {
    const before = await production();
    const version = await candidate();
    const listed = async () => (await asMl.releases.list()).find((release) => release.version === version)!;

    expect((await asMl.releases.gates({ version })).map((gate) => [gate.name, gate.status])).toEqual([
      ["index-validated", "passed"],
      ["index-matches-embedder", "passed"],
      ["artifacts-verified", "passed"],
      ["shadow-replay", "pending"],
      ["fairness-audit", "pending"],
    ]);
    // Creating the release queued its fairness audit; the worker's processor runs exactly this.
    const [audit] = await asMl.fairnessAudits.list({ release: version });
    expect(audit).toMatchObject({ status: "queued", requestedBy: ml.email });
    expect((await ensureFairnessAudit(version, ml.email)).status).toBe("passed");

    // The console queues the replay for the worker; the worker's processor runs exactly this.
    const { replayId } = await asMl.releases.requestShadowReplay({ version, questions: 10 });
    expect((await listed()).shadow).toMatchObject({ id: replayId, status: "queued", requestedBy: ml.email });
    await runShadowReplay(replayId);
    expect((await listed()).shadow).toMatchObject({
      id: replayId,
      status: "passed",
      summary: { baseline: before, meanTop5Overlap: 1, biasFlagsGained: 0, passed: true },
    });
    expect((await asMl.releases.gates({ version })).find((gate) => gate.name === "shadow-replay")?.status).toBe(
      "passed",
    );

    // Staging is the team's: no gates, no approval.
    const staging = (await asMl.releases.list()).find((release) => release.aliases.includes("staging"))?.version;
    expect(
      await asMl.releases.promote({ version, alias: "staging", expected: staging ?? null, reason: "try it" }),
    ).toMatchObject({ release: version, alias: "staging", previous: staging ?? null, gates: [] });

    // Production needs a second person's approval for an ML engineer; the refusal says whom to ask.
    expect(await refusal(asMl.releases.promote({ version, expected: before, reason: "shorter prompt" }))).toMatchObject(
      { code: "FORBIDDEN", message: expect.stringContaining("needs a second person's approval") },
    );
    await asAdmin.releases.approve({ version, note: "looks right" });
    expect((await listed()).approvals).toEqual([{ approver: admin.email, note: "looks right", at: expect.any(Date) }]);

    // What the engineer saw in production is not what is there: the move is refused, naming the winner.
    const stale = await refusal(asMl.releases.promote({ version, expected: version, reason: "shorter prompt" }));
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toContain(`production is now on release ${before}`);
    expect(await production()).toBe(before);

    const promoted = await asMl.releases.promote({ version, expected: before, reason: "shorter prompt" });
    expect(promoted).toMatchObject({ release: version, alias: PRODUCTION, previous: before, overridden: [] });
    expect((await listed()).aliases.sort()).toEqual([PRODUCTION, "staging"]);

    // Rolling production back is for admins.
    expect(await refusal(asMl.releases.rollback({ reason: "undo" }))).toMatchObject({ code: "FORBIDDEN" });
    const rolledBack = await asAdmin.releases.rollback({ version: before, expected: version, reason: "undo" });
    expect(rolledBack).toMatchObject({ release: before, previous: version });

    const [rollback, promotion] = await asMl.releases.timeline();
    expect(promotion).toMatchObject({ release: version, previous: before, action: "release.promote", actor: ml.email });
    expect(rollback).toMatchObject({
      release: before,
      previous: version,
      action: "release.rollback",
      actor: admin.email,
    });
    expect(await asMl.registry.productionAt({ at: promotion!.at })).toMatchObject({ release: version });
    expect(await asMl.registry.productionAt({ at: rollback!.at })).toMatchObject({ release: before });
  });

  it("lets an admin override a failing gate with a justification, and refuses the override to an ML engineer", async () => {
    const before = await production();
    const version = await candidate();
    await asAdmin.releases.approve({ version });
    const blocked = await refusal(asMl.releases.promote({ version, expected: before, reason: "ship it" }));
    expect(blocked).toEqual({
      code: "CONFLICT",
      message: expect.stringContaining(
        `release ${version} cannot be promoted: gate shadow-replay pending: no shadow replay yet: request one; ` +
          "gate fairness-audit pending: fairness audit",
      ),
    });
    expect(
      await refusal(asMl.releases.promote({ version, expected: before, reason: "ship it", override: true })),
    ).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("only an admin may override") });

    const overridden = await asAdmin.releases.promote({
      version,
      expected: before,
      reason: "the replay cannot run during the incident; same answers as production by construction",
      override: true,
    });
    expect(overridden.overridden).toEqual(["shadow-replay", "fairness-audit"]);
    await asAdmin.releases.rollback({ version: before, expected: version, reason: "restore after the override test" });
  });

  it("tells the page what the caller may do", async () => {
    expect(await asMl.releases.policy()).toMatchObject({
      // The environment's policy as the releases domain reads it (the test setup shortens the replay).
      policy: promotionPolicy(),
      you: { email: ml.email, role: "ml_engineer", production: "needs-approval", rollback: false },
    });
    expect((await asAdmin.releases.policy()).you).toMatchObject({ production: "allowed", rollback: true });
  });
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
