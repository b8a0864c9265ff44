import { asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexWith } from "@/test/index-fixture";
import { moveProduction, registerPrompt, testRelease } from "@/test/releases";
import { runAdvice } from "../advice";
import { auditLog } from "../audit";
import { getDb } from "../db";
import { type AppError } from "../errors";
import { ensureFairnessAudit } from "../fairness-audits";
import { aliasedRelease, PRODUCTION, releaseAt } from "../registry";
import { approveRelease, evaluateGates, promoteRelease, requestShadowReplayNow, rollbackRelease, type Actor } from ".";

const admin: Actor = { email: "ada.admin@test", role: "admin" };
const otherAdmin: Actor = { email: "otto.admin@test", role: "admin" };
const engineer: Actor = { email: "mia.ml@test", role: "ml_engineer" };

const production = async () => (await aliasedRelease(PRODUCTION))!.version;
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as AppError,
  );

/** A candidate that differs from production only in its prompt (the grounded advisor answers the same). */
async function candidate(): Promise<string> {
  return testRelease({ prompt: await registerPrompt("Answer in at most {maxTokens} tokens, from the loans given.") });
}

let initial = "";

beforeAll(async () => {
  await indexWith();
  initial = await production();
  // Production questions for the shadow replay to replay: real requests, stored as the chat stores them.
  for (const question of ["Should I take a 36 month loan for $12,000?", "How much can I borrow on $60,000 a year?"]) {
    await runAdvice({ question, channel: "chat" });
  }
});

// The test database is shared by the files that run after this one: leave production as found.
afterAll(async () => {
  if ((await production()) !== initial) await moveProduction(initial);
});

describe("gates", () => {
  it("name each check with a result and a reason, and keep the shadow replay pending until one ran", async () => {
    const version = await candidate();
    const gates = await evaluateGates(version);
    expect(gates.map((g) => [g.name, g.status])).toEqual([
      ["index-validated", "passed"],
      ["index-matches-embedder", "passed"],
      ["artifacts-verified", "passed"],
      ["shadow-replay", "pending"],
      ["fairness-audit", "pending"],
    ]);
    const error = await failure(promoteRelease({ version, reason: "try it", actor: admin }));
    expect(error?.code).toBe("conflict");
    expect(error?.message).toBe(
      `release ${version} cannot be promoted: gate shadow-replay pending: no shadow replay yet: request one; ` +
        "gate fairness-audit pending: no counterfactual fairness audit of this release yet: the worker queues one (or run fairness audit)",
    );
  });

  it("pass a replay that matches production, then promote with a reason; the ledger has every step", async () => {
    const before = await production();
    const version = await candidate();
    const replay = await requestShadowReplayNow(version, admin.email);
    expect(replay.status).toBe("passed");
    expect(replay.summary).toMatchObject({ baseline: before, meanTop5Overlap: 1, biasFlagsGained: 0, errors: 0 });
    expect(replay.summary!.questions).toBeGreaterThanOrEqual(2);
    expect((await ensureFairnessAudit(version, admin.email)).status).toBe("passed");

    const result = await promoteRelease({ version, reason: "shorter prompt", actor: admin });
    expect(result).toMatchObject({ release: version, previous: before, overridden: [] });
    expect(await production()).toBe(version);
    expect((await releaseAt(PRODUCTION, new Date()))?.release).toBe(version);

    const entries = await getDb()
      .select()
      .from(auditLog)
      .where(inArray(auditLog.action, ["release.create", "release.promote"]))
      .orderBy(asc(auditLog.id));
    const promoted = entries.filter((e) => e.target === version);
    expect(promoted.map((e) => e.action)).toEqual(["release.create", "release.promote"]);
    expect(promoted[1]!.reason).toBe("shorter prompt");
    expect(promoted[1]!.details).toMatchObject({ alias: PRODUCTION, previous: before });
  });

  it("let only an admin override a failing gate, recording the justification", async () => {
    const version = await candidate();
    const refused = await failure(promoteRelease({ version, reason: "ship it", override: true, actor: engineer }));
    expect(refused?.code).toBe("forbidden");
    expect(refused?.message).toBe("only an admin may override a failing gate, with a written justification");

    const result = await promoteRelease({
      version,
      reason: "hotfix: replay queue is down",
      override: true,
      actor: admin,
    });
    expect(result.overridden).toEqual(["shadow-replay", "fairness-audit"]);
    const [entry] = await getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.target, version))
      .orderBy(asc(auditLog.id))
      .then((rows) => rows.filter((r) => r.action === "release.promote"));
    expect(entry!.details).toMatchObject({
      overridden: ["shadow-replay", "fairness-audit"],
      justification: "hotfix: replay queue is down",
    });
  });
});

describe("who may move production", () => {
  it("needs a second person's approval for an ML engineer; one's own approval does not count", async () => {
    const version = await candidate();
    await requestShadowReplayNow(version, engineer.email);
    await ensureFairnessAudit(version, engineer.email);
    const unapproved = await failure(promoteRelease({ version, reason: "new prompt", actor: engineer }));
    expect(unapproved?.code).toBe("forbidden");
    expect(unapproved?.message).toContain(`moving production to ${version} needs a second person's approval`);

    await approveRelease({ version, note: "mine", actor: engineer });
    expect((await failure(promoteRelease({ version, reason: "new prompt", actor: engineer })))?.code).toBe("forbidden");

    await approveRelease({ version, note: "looked at the replay", actor: otherAdmin });
    await expect(promoteRelease({ version, reason: "new prompt", actor: engineer })).resolves.toMatchObject({
      release: version,
    });
    const twice = await failure(approveRelease({ version, actor: otherAdmin }));
    expect(twice?.message).toBe(`otto.admin@test has already approved release ${version}`);
  });
});

describe("compare-and-set", () => {
  it("lets one of two concurrent promotions win and tells the other who won", async () => {
    const seen = await production();
    const [a, b] = [await candidate(), await candidate()];
    for (const version of [a, b]) {
      await requestShadowReplayNow(version, admin.email);
      await ensureFairnessAudit(version, admin.email);
    }
    const results = await Promise.allSettled([
      promoteRelease({ version: a, expected: seen, reason: "try a", actor: admin }),
      promoteRelease({ version: b, expected: seen, reason: "try b", actor: otherAdmin }),
    ]);
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(lost).toHaveLength(1);
    const winner = await production();
    expect([a, b]).toContain(winner);
    expect(lost[0]!.reason.message).toContain(`production is now on release ${winner}`);
  });
});

describe("rollback", () => {
  it("returns to the previous release without rebuilding, and refuses one that never served", async () => {
    const before = await production();
    const version = await candidate();
    await requestShadowReplayNow(version, admin.email);
    await ensureFairnessAudit(version, admin.email);
    await promoteRelease({ version, reason: "forward", actor: admin });

    const notAdmin = await failure(rollbackRelease({ reason: "back", actor: engineer }));
    expect(notAdmin?.code).toBe("forbidden");
    await expect(rollbackRelease({ reason: "answers got worse", actor: admin })).resolves.toMatchObject({
      release: before,
      previous: version,
    });
    expect(await production()).toBe(before);

    const never = await candidate();
    const refused = await failure(rollbackRelease({ version: never, reason: "try it", actor: admin }));
    expect(refused?.message).toBe(
      `release ${never} has never been in production: promote it through its gates instead`,
    );
  });
});
