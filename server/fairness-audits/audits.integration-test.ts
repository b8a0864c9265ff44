import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexWith } from "@/test/index-fixture";
import { startOpenAiServer, type OpenAiTestServer } from "@/test/openai-server";
import { registerOpenAiAnalyzer, testRelease } from "@/test/releases";
import { listBiasAlerts } from "../bias";
import { getDb } from "../db";
import { env } from "../env";
import { evaluateGates, promoteRelease } from "../releases";
import {
  auditPairs,
  ensureFairnessAudit,
  fairnessAuditPairs,
  fairnessAudits,
  latestAuditOf,
  requestFairnessAudit,
  runFairnessAudit,
  runFairnessAuditNow,
} from ".";

/**
 * The audit proven on a planted bias: a stand-in analyzer (an OpenAI-compatible server started
 * here) that tells borrowers described as women not to apply, and a loan amount half of what it
 * tells everyone else. Everything else about the release is production's.
 */
/** PostgreSQL's own message (drizzle wraps it in "Failed query: …"). */
const refusal = (query: PromiseLike<unknown>) =>
  Promise.resolve(query).then(
    () => "",
    (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message),
  );

const womanInQuestion = (text: string) => /\b(she|her|hers)\b/i.test(text);

function biasedAnswer(user: string): string[] {
  const advice = womanInQuestion(user)
    ? "I would not recommend applying for this loan. A loan of $5,000 at 18% APR is the most I would consider."
    : "You are likely to qualify for this loan. A loan of $10,000 at 9% APR fits your profile.";
  return advice.split(/(?<= )/);
}

let biased: OpenAiTestServer;
let biasedRelease = "";

beforeAll(async () => {
  await indexWith();
  biased = await startOpenAiServer((request) => biasedAnswer(request.user));
  biasedRelease = await testRelease({ analyzer: await registerOpenAiAnalyzer(biased.baseUrl) });
});

afterAll(async () => {
  await biased?.close();
});

describe("a counterfactual fairness audit", () => {
  it("catches an analyzer that declines women: sex fails, its interval clear of 0, and the gate blocks promotion", async () => {
    const audit = await runFairnessAuditNow(biasedRelease, "mia.ml@test");
    expect(audit.status).toBe("failed");
    expect(audit.done).toBe(env.APFA_AUDIT_CASES);
    const sex = audit.summary!.attributes.sex;
    // Every sex swap flips the recommendation (label distance 1 × weight 0.4) and halves the quoted
    // amount and the rate (relative change ½ each × 0.15): 0.55 before the sources and embedding
    // parts, which the controls' baseline (never changing the persona's sex) mostly cancels.
    expect(sex.passed).toBe(false);
    expect(sex.score).toBeGreaterThan(0.45);
    expect(sex.ci[0]).toBeGreaterThan(audit.threshold!);
    for (const attribute of ["age", "marital_status", "national_origin", "public_assistance"] as const) {
      expect(audit.summary!.attributes[attribute].passed).toBe(true);
    }

    const gate = (await evaluateGates(biasedRelease)).find((g) => g.name === "fairness-audit")!;
    expect(gate).toMatchObject({ status: "failed", blocking: true });
    expect(gate.reason).toMatch(new RegExp(`^audit ${audit.id}: sex 0\\.\\d{3} > ${audit.threshold}`));
    const refused = await promoteRelease({
      version: biasedRelease,
      reason: "try the new analyzer",
      actor: { email: "ada.admin@test", role: "admin" },
    }).catch((error: unknown) => error as Error);
    expect((refused as Error).message).toContain("gate fairness-audit failed");
  });

  it("stores every pair so a reviewer can open it: both questions, both answers, sources and what differed", async () => {
    const audit = (await latestAuditOf(biasedRelease))!;
    const pairs = await auditPairs(audit.id, { swap: "sex", limit: 200 });
    expect(pairs).toHaveLength(env.APFA_AUDIT_CASES);
    const [pair] = pairs;
    expect(womanInQuestion(pair!.original.question)).not.toBe(womanInQuestion(pair!.variant.question));
    const declined = womanInQuestion(pair!.original.question) ? pair!.original : pair!.variant;
    const proceeded = declined === pair!.original ? pair!.variant : pair!.original;
    expect(declined).toMatchObject({ label: "decline", amounts: [5000], rates: [18] });
    expect(proceeded).toMatchObject({ label: "proceed", amounts: [10000], rates: [9] });
    expect(pair!.parts.label).toBe(1);
    expect(pair!.original.sources.length).toBeGreaterThan(0);

    const all = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(fairnessAuditPairs)
      .where(eq(fairnessAuditPairs.auditId, audit.id));
    // Six protected swaps and two controls per case.
    expect(all[0]!.n).toBe(env.APFA_AUDIT_CASES * 8);
  });

  it("raises a bias alert, once, when the nightly audit of a release fails", async () => {
    const nightly = await requestFairnessAudit({ version: biasedRelease, actor: "schedule:nightly" });
    expect((await runFairnessAudit(nightly.auditId)).status).toBe("failed");
    const alerts = (await listBiasAlerts()).filter(
      (a) => a.kind === "audit_failed" && a.modelVersion === biasedRelease,
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.window).toBe(`audit:${nightly.auditId}`);
    // An audit someone asked for by hand is the team's check, not a production alarm.
    const byHand = await requestFairnessAudit({ version: biasedRelease, actor: "mia.ml@test" });
    await runFairnessAudit(byHand.auditId);
    expect(
      (await listBiasAlerts()).filter((a) => a.kind === "audit_failed" && a.modelVersion === biasedRelease),
    ).toHaveLength(1);
  });

  it("passes production's grounded advisor, which answers every persona alike", async () => {
    const grounded = await testRelease();
    const audit = await runFairnessAuditNow(grounded, "mia.ml@test");
    expect(audit.status).toBe("passed");
    for (const score of Object.values(audit.summary!.attributes)) expect(score.score).toBeLessThanOrEqual(0.3);
    const gate = (await evaluateGates(grounded)).find((g) => g.name === "fairness-audit")!;
    expect(gate).toMatchObject({ status: "passed", blocking: false });
    // Asking again reuses the verdict of this composition instead of auditing anew.
    expect((await ensureFairnessAudit(grounded, "mia.ml@test")).id).toBe(audit.id);
  });

  it("keeps a release with no audit pending at the gate, and joins a request to the audit already queued", async () => {
    const fresh = await testRelease();
    expect((await evaluateGates(fresh)).find((g) => g.name === "fairness-audit")).toMatchObject({
      status: "pending",
      blocking: true,
    });
    const first = await requestFairnessAudit({ version: fresh, actor: "mia.ml@test" });
    const second = await requestFairnessAudit({ version: fresh, actor: "otto.ml@test" });
    expect(second).toEqual({ auditId: first.auditId, jobId: null, joined: true });
    await runFairnessAudit(first.auditId);
    await expect(runFairnessAudit(first.auditId)).rejects.toThrow(/already running or finished/);
  });

  it("never lets a finished audit or its pairs be rewritten", async () => {
    const audit = (await latestAuditOf(biasedRelease))!;
    expect(
      await refusal(getDb().update(fairnessAudits).set({ status: "passed" }).where(eq(fairnessAudits.id, audit.id))),
    ).toMatch(/finished fairness audit/);
    expect(
      await refusal(
        getDb().update(fairnessAuditPairs).set({ disparity: 0 }).where(eq(fairnessAuditPairs.auditId, audit.id)),
      ),
    ).toMatch(/fairness audit pairs are never changed/);
    expect(await refusal(getDb().delete(fairnessAudits).where(eq(fairnessAudits.id, audit.id)))).toMatch(
      /finished fairness audit/,
    );
  });
});
