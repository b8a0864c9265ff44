import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { storedAudit } from "@/test/audit-pairs";
import { mutateAs, refusal } from "@/test/trpc";
import { listAuditOf } from "../audit";
// eslint-disable-next-line apfa/domain-faces
import { createCaller } from "../api/root";
import { getDb } from "../db";
import { fairnessPairJudgements, judgePair, nextBlindPair, pairAgreement, sideShownAsA, type PairVerdict } from ".";

/**
 * Blind review of audit pairs on real PostgreSQL, through the domain and the tRPC router the
 * console calls. The database is shared with the run's other files: every test works on audits
 * and reviewers of its own.
 */

const reviewer = (name: string) => ({
  id: randomUUID(),
  email: `${name}-${randomUUID().slice(0, 8)}@pair-review.test`,
  name,
  role: "ml_engineer" as const,
});
const [ann, bob, cy] = [reviewer("ann"), reviewer("bob"), { ...reviewer("cy"), role: "admin" as const }];
const as = (user: typeof ann | typeof cy) => createCaller({ user, partner: null });

/** PostgreSQL's own message (drizzle wraps it in "Failed query: …"). */
const dbRefusal = (query: PromiseLike<unknown>) =>
  Promise.resolve(query).then(
    () => "",
    (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message),
  );

// Threshold 0.3: the audit's own verdict is material for 0.6 and 0.45, not for 0.1 and 0.05.
const PLAN = [
  { caseIndex: 0, swap: "sex", disparity: 0.6 },
  { caseIndex: 0, swap: "age", disparity: 0.1 },
  { caseIndex: 1, swap: "race_ethnicity", disparity: 0.45 },
  { caseIndex: 1, swap: "city", disparity: 0.05 },
] as const;

let audit: Awaited<ReturnType<typeof storedAudit>>;
beforeAll(async () => {
  audit = await storedAudit(PLAN);
});

const pairAt = (disparity: number) => audit.pairIds[PLAN.findIndex((p) => p.disparity === disparity)]!;

describe("blind review of audit pairs", () => {
  it("serves every reviewer the same next pair, blinded, and reveals it only to who has judged it", async () => {
    const first = await as(ann).fairnessAudits.blindPair({ auditId: audit.auditId });
    expect(first).toMatchObject({ auditId: audit.auditId, release: audit.release, total: 4, judged: 0 });
    const pair = first.pair!;
    expect(Object.keys(pair).sort()).toEqual(["a", "auditId", "b", "pairId", "question"]);
    expect(Object.keys(pair.a)).toEqual(["advice"]);
    expect((await as(bob).fairnessAudits.blindPair({ auditId: audit.auditId })).pair?.pairId).toBe(pair.pairId);
    // The answers greet the persona by name: withheld in both, and A is the side the hash names.
    expect(pair.a.advice).toMatch(/^Hi \[withheld\], /);
    const originalFirst = sideShownAsA(pair.pairId, ann.email) === "original";
    expect(pair.a.advice.includes("fits your budget")).toBe(originalFirst);

    expect(await refusal(as(ann).fairnessAudits.revealPair({ pairId: pair.pairId }))).toEqual({
      code: "CONFLICT",
      message: `pair ${pair.pairId} is revealed to a reviewer after their own judgement: judge it first`,
    });

    const revealed = await as(ann).fairnessAudits.judgePair({
      pairId: pair.pairId,
      verdict: "material",
      note: "  one is told to think twice  ",
    });
    const planned = PLAN[audit.pairIds.indexOf(pair.pairId)]!;
    expect(revealed).toMatchObject({
      pairId: pair.pairId,
      auditId: audit.auditId,
      swap: planned.swap,
      disparity: planned.disparity,
      threshold: 0.3,
      automatic: planned.disparity > 0.3 ? "material" : "not-material",
      shownAsA: originalFirst ? "original" : "variant",
      mine: { reviewer: ann.email, verdict: "material", note: "one is told to think twice" },
    });
    // Nobody else had judged it yet; bob still gets it blind and cannot see ann's judgement.
    expect(revealed.judgements.map((j) => j.reviewer)).toEqual([ann.email]);
    expect(await refusal(as(bob).fairnessAudits.revealPair({ pairId: pair.pairId }))).toMatchObject({
      code: "CONFLICT",
    });
    expect(JSON.stringify(await as(bob).fairnessAudits.blindPair({ auditId: audit.auditId }))).not.toContain(ann.email);

    const next = await as(ann).fairnessAudits.blindPair({ auditId: audit.auditId });
    expect(next.judged).toBe(1);
    expect(next.pair?.pairId).not.toBe(pair.pairId);

    const [entry] = (await listAuditOf(["fairness.judge-pair"], 50)).filter((e) => e.actor === ann.email);
    expect(entry).toMatchObject({
      target: `fairness-pair:${pair.pairId}`,
      reason: "one is told to think twice",
      details: { auditId: audit.auditId, verdict: "material" },
    });
  });

  it("takes one judgement per reviewer and pair: a second is refused, also when two arrive at once", async () => {
    const pairId = pairAt(0.6);
    await judgePair({ pairId, verdict: "not-material" }, cy.email);
    const again = await refusal(as(cy).fairnessAudits.judgePair({ pairId, verdict: "material" }));
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toMatch(
      new RegExp(
        `^you have already judged pair ${pairId} \\(not-material, \\d{4}-.+Z\\): a blind judgement is given once`,
      ),
    );

    const racer = reviewer("racer").email;
    const results = await Promise.allSettled([
      judgePair({ pairId, verdict: "material" }, racer),
      judgePair({ pairId, verdict: "not-material" }, racer),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(String((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason)).toMatch(
      /already judged pair/,
    );
    const rows = await getDb().select().from(fairnessPairJudgements).where(eq(fairnessPairJudgements.reviewer, racer));
    expect(rows).toHaveLength(1);
  });

  it("never lets a judgement be changed or removed", async () => {
    const pairId = pairAt(0.05);
    const who = reviewer("dee").email;
    await judgePair({ pairId, verdict: "material", note: "first look" }, who);
    const mine = judgementOf(pairId, who);
    expect(
      await dbRefusal(getDb().update(fairnessPairJudgements).set({ verdict: "not-material" }).where(mine)),
    ).toMatch(/fairness_pair_judgements is append-only: UPDATE is refused/);
    expect(await dbRefusal(getDb().delete(fairnessPairJudgements).where(mine))).toMatch(
      /fairness_pair_judgements is append-only: DELETE is refused/,
    );
    expect(await dbRefusal(getDb().execute(sql`truncate fairness_pair_judgements`))).toMatch(
      /append-only: TRUNCATE is refused/,
    );
    const [row] = await getDb().select().from(fairnessPairJudgements).where(mine);
    expect(row).toMatchObject({ verdict: "material", note: "first look" });
  });

  it("refuses bad input by field, unknown pairs and audits, and audits without a verdict", async () => {
    // Over HTTP as the console sends it, so the message is the one the form shows.
    expect(await mutateAs(ann, "fairnessAudits.judgePair", { pairId: audit.pairIds[0], verdict: "maybe" })).toEqual({
      status: 400,
      message: "verdict: verdict is material or not-material",
    });
    expect(await mutateAs(ann, "fairnessAudits.judgePair", { pairId: 0, verdict: "material" })).toEqual({
      status: 400,
      message: "pairId: pairId is a positive integer (an audit pair's id)",
    });
    expect(await refusal(as(ann).fairnessAudits.judgePair({ pairId: 999_999_999, verdict: "material" }))).toEqual({
      code: "NOT_FOUND",
      message: "no audit pair 999999999",
    });
    expect(await refusal(as(ann).fairnessAudits.blindPair({ auditId: 999_999_999 }))).toMatchObject({
      code: "NOT_FOUND",
    });
    const running = await storedAudit([{ caseIndex: 2, swap: "sex", disparity: 0.2 }], {
      status: "running",
      threshold: null,
    });
    const expected = `audit ${running.auditId} is running: its pairs are reviewed once it has passed or failed`;
    expect(await refusal(as(ann).fairnessAudits.blindPair({ auditId: running.auditId }))).toEqual({
      code: "CONFLICT",
      message: expected,
    });
    expect(
      await refusal(as(ann).fairnessAudits.judgePair({ pairId: running.pairIds[0]!, verdict: "material" })),
    ).toEqual({ code: "CONFLICT", message: expected });
  });

  it("tells a reviewer who has judged every pair that none is left", async () => {
    const small = await storedAudit([{ caseIndex: 3, swap: "marital_status", disparity: 0.2 }]);
    await judgePair({ pairId: small.pairIds[0]!, verdict: "not-material" }, ann.email);
    expect(await nextBlindPair(small.auditId, ann.email)).toEqual({
      auditId: small.auditId,
      release: small.release,
      total: 1,
      judged: 1,
      pair: null,
    });
  });
});

const judgementOf = (pairId: number, who: string) =>
  sql`${fairnessPairJudgements.pairId} = ${pairId} and ${fairnessPairJudgements.reviewer} = ${who}`;

describe("agreement between reviewers", () => {
  it("gives Fleiss' and Cohen's kappa, raw agreement and n per audit, and the reviewers against the audit's verdict", async () => {
    const agreed = await storedAudit(PLAN);
    const at = (disparity: number) => agreed.pairIds[PLAN.findIndex((p) => p.disparity === disparity)]!;
    const [a, b, c] = [reviewer("ann").email, reviewer("bob").email, reviewer("cy").email];
    const judge = (who: string, disparity: number, verdict: PairVerdict) =>
      judgePair({ pairId: at(disparity), verdict }, who);
    // Pair (disparity, the audit's verdict): 0.6 M: a M, b M, c M · 0.1 N: a N, b M · 0.45 M: a M, b N · 0.05 N: a N.
    await judge(a, 0.6, "material");
    await judge(b, 0.6, "material");
    await judge(c, 0.6, "material");
    await judge(a, 0.1, "not-material");
    await judge(b, 0.1, "material");
    await judge(a, 0.45, "material");
    await judge(b, 0.45, "not-material");
    await judge(a, 0.05, "not-material");

    const report = await as(ann).fairnessAudits.pairAgreement({ auditId: agreed.auditId });
    expect(report.audits).toHaveLength(1);
    const figures = report.audits[0]!;
    expect(figures).toMatchObject({ auditId: agreed.auditId, release: agreed.release, raters: 3, ratings: 8 });
    expect(figures).toMatchObject({ items: 4, pairsJudged: 4, pairs: 4 });
    // By hand. Fleiss over the three pairs judged twice or more: [3,0], [1,1], [1,1] → Pᵢ 1, 0, 0,
    // P̄ = 1/3; 7 ratings, material 5: P_e = (25 + 4)/49 = 29/49; κ = (1/3 − 29/49)/(20/49) = −19/30.
    expect(figures.fleiss).toEqual({
      n: 3,
      percentAgreement: expect.closeTo(1 / 3, 12),
      kappa: expect.closeTo(-19 / 30, 12),
    });
    // Cohen a–b over those three: agree on 1; each says material 2 of 3: p_e = 4/9 + 1/9 = 5/9;
    // κ = (1/3 − 5/9)/(4/9) = −1/2. a–c and b–c share one pair, both material: p_e = 1, κ undefined.
    const byRaters = new Map(figures.cohen.map((pair) => [pair.raters.join(" "), pair]));
    expect(byRaters.get([a, b].sort().join(" "))).toMatchObject({
      n: 3,
      percentAgreement: expect.closeTo(1 / 3, 12),
      kappa: expect.closeTo(-0.5, 12),
    });
    expect(byRaters.get([a, c].sort().join(" "))).toMatchObject({ n: 1, percentAgreement: 1, kappa: null });
    // Against the audit's own verdict, one item per judgement: a agrees 4 of 4, b 1 of 3, c 1 of 1
    // → 6/8. Reviewers say material 5/8, the audit 5/8: p_e = 25/64 + 9/64 = 34/64; κ = (48 − 34)/30 = 7/15.
    expect(figures.automatic).toEqual({
      n: 8,
      percentAgreement: 0.75,
      kappa: expect.closeTo(7 / 15, 12),
      table: { material: { material: 4, "not-material": 1 }, "not-material": { material: 1, "not-material": 2 } },
      humanMaterialRate: 5 / 8,
      automaticMaterialRate: 5 / 8,
    });

    // Overall: every audit with judgements, this one among them.
    const overall = await pairAgreement();
    expect(overall.audits.map((row) => row.auditId)).toEqual(expect.arrayContaining([agreed.auditId, audit.auditId]));
    expect(overall.overall.ratings).toBe(overall.audits.reduce((sum, row) => sum + row.ratings, 0));
    expect(overall.overall.pairs).toBe(overall.audits.reduce((sum, row) => sum + row.pairs, 0));
  });

  it("lists an audit nobody has judged yet with nothing to measure, and refuses an unknown one", async () => {
    const fresh = await storedAudit([{ caseIndex: 4, swap: "age", disparity: 0.2 }]);
    const report = await pairAgreement({ auditId: fresh.auditId });
    expect(report.audits).toEqual([
      expect.objectContaining({
        auditId: fresh.auditId,
        pairs: 1,
        pairsJudged: 0,
        ratings: 0,
        fleiss: { n: 0, percentAgreement: null, kappa: null },
        cohen: [],
      }),
    ]);
    expect(await refusal(as(ann).fairnessAudits.pairAgreement({ auditId: 999_999_999 }))).toMatchObject({
      code: "NOT_FOUND",
    });
    const rows = await getDb()
      .select()
      .from(fairnessPairJudgements)
      .where(inArray(fairnessPairJudgements.pairId, fresh.pairIds));
    expect(rows).toEqual([]);
  });
});
