import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { cli } from "@/test/cli";
import { refusal } from "@/test/trpc";
import { uniqueReleaseVersion } from "@/test/releases";
import { acknowledgeBiasAlert, listBiasAlerts, raiseAuditFailedAlert, type BiasAlert } from "../bias";
// eslint-disable-next-line apfa/domain-faces -- the test reads the table to count rows
import { biasAlerts } from "../bias/tables";
// eslint-disable-next-line apfa/domain-faces -- as test/trpc.ts: the api face loads next-auth
import { createCaller } from "../api/root";
import { getDb } from "../db";
import { adviceRequests } from "./tables";
import { biasTrends, evaluateBiasAlerts } from ".";

/**
 * Bias trends and alerts on real PostgreSQL. Answers are written straight into advice_requests
 * with the times and scores each case needs; the releases are named only here, and the days are
 * years ahead of the other files' rows, so nothing else falls into these windows.
 */

async function answer(
  release: string,
  at: string,
  score: number | null,
  flagged = false,
  status: "ok" | "error" = "ok",
) {
  await getDb()
    .insert(adviceRequests)
    .values({
      channel: "chat",
      conversationId: randomUUID(),
      query: "Should I borrow $10,000?",
      status,
      advice: "Of the 5 similar loans, 3 were repaid.",
      biasScore: score,
      biasFlagged: score === null ? null : flagged,
      release,
      versions: {},
      timings: {},
      createdAt: new Date(at),
    });
}

/** `perDay` answers a day from `from` (YYYY-MM-DD), for `days` days, at noon UTC. */
async function daily(release: string, from: string, days: number, perDay: { score: number; flagged?: boolean }[]) {
  for (let d = 0; d < days; d++) {
    const day = new Date(Date.parse(`${from}T12:00:00Z`) + d * 86_400_000).toISOString();
    for (const a of perDay) await answer(release, day, a.score, a.flagged ?? false);
  }
}

describe("biasTrends", () => {
  it("counts answered, scored requests per UTC day and release, with the mean score and the flag rate", async () => {
    const r = uniqueReleaseVersion();
    const other = uniqueReleaseVersion();
    await answer(r, "2030-01-12T23:59:59Z", 0.9, true); // the day before the 3-day window
    await answer(r, "2030-01-13T00:00:00Z", 0.1);
    await answer(r, "2030-01-13T23:59:59Z", 0.4, true);
    await answer(r, "2030-01-13T10:00:00Z", 0.9, true, "error"); // not answered
    await answer(r, "2030-01-13T11:00:00Z", null); // not scored
    await answer(r, "2030-01-15T08:00:00Z", 0.2);
    await answer(r, "2030-01-15T09:00:00Z", 0.35, true);
    await answer(r, "2030-01-15T10:00:00Z", 0.6, true);
    await answer(r, "2030-01-15T13:00:00Z", 0.9, true); // after "now"
    await answer(other, "2030-01-14T09:00:00Z", 0.5);
    const now = new Date("2030-01-15T12:00:00Z");

    // By hand: 01-13 has 0.1 and 0.4 (one flagged): mean 0.25, rate 1/2; 01-15 has 0.2, 0.35 and
    // 0.6 (two flagged): mean 1.15 / 3 = 0.38333…, rate 2/3. Scores are stored as float4 (real),
    // so means agree to about 7 digits.
    const rows = (await biasTrends({ days: 3, now })).filter((p) => p.release === r || p.release === other);
    expect(rows).toEqual([
      { day: "2030-01-13", release: r, requests: 2, meanScore: expect.closeTo(0.25, 6), flagRate: 0.5 },
      { day: "2030-01-14", release: other, requests: 1, meanScore: expect.closeTo(0.5, 6), flagRate: 0 },
      { day: "2030-01-15", release: r, requests: 3, meanScore: expect.closeTo(1.15 / 3, 6), flagRate: 2 / 3 },
    ]);
    expect((await biasTrends({ release: r, days: 3, now })).map((p) => p.day)).toEqual(["2030-01-13", "2030-01-15"]);
    // One day: today only.
    expect(await biasTrends({ release: r, days: 1, now })).toHaveLength(1);
    await expect(biasTrends({ days: 0 })).rejects.toThrow("days: must be a whole number from 1 to 366, not 0");
  });

  it("bias trends --json prints [{day, release, requests, meanScore, flagRate}]", async () => {
    const r = uniqueReleaseVersion();
    const at = new Date();
    await answer(r, at.toISOString(), 0.2);
    await answer(r, at.toISOString(), 0.4, true);
    const result = await cli("bias", "trends", "--release", r, "--days", "2", "--json");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { day: at.toISOString().slice(0, 10), release: r, requests: 2, meanScore: expect.closeTo(0.3, 6), flagRate: 0.5 },
    ]);
    const bad = await cli("bias", "trends", "--days", "none");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--days must be a whole number from 1 to 366, not none");
  });
});

describe("bias alerts", () => {
  // Evaluated on 2031-06-14: the current window is 06-08..06-14, the previous one 06-01..06-07.
  const now = new Date("2031-06-14T18:00:00Z");
  const rows = async (release: string) => getDb().select().from(biasAlerts).where(eq(biasAlerts.modelVersion, release));

  it("raises a rise of the 7-day mean once per window, not a smaller rise, and lets a person acknowledge it", async () => {
    const rising = uniqueReleaseVersion();
    const steady = uniqueReleaseVersion();
    const flagging = uniqueReleaseVersion();
    // 3 answers a day, 21 a window. rising: 0.2 → 0.32 (+0.12); steady: 0.2 → 0.29 (+0.09).
    await daily(rising, "2031-06-01", 7, [{ score: 0.2 }, { score: 0.2 }, { score: 0.2 }]);
    await daily(rising, "2031-06-08", 7, [{ score: 0.32 }, { score: 0.32 }, { score: 0.32 }]);
    await daily(steady, "2031-06-01", 7, [{ score: 0.2 }, { score: 0.2 }, { score: 0.2 }]);
    await daily(steady, "2031-06-08", 7, [{ score: 0.29 }, { score: 0.29 }, { score: 0.29 }]);
    // flagging: 3 flags of 21 before (one on each of 3 days), 7 of 21 now (one a day): 2.33×, 7 ≥ 5
    // flags. Means 0.157 → 0.233 (+0.076): no rise alert.
    await daily(flagging, "2031-06-01", 3, [{ score: 0.5, flagged: true }, { score: 0.1 }, { score: 0.1 }]);
    await daily(flagging, "2031-06-04", 4, [{ score: 0.1 }, { score: 0.1 }, { score: 0.1 }]);
    await daily(flagging, "2031-06-08", 7, [{ score: 0.5, flagged: true }, { score: 0.1 }, { score: 0.1 }]);

    const mine = (alerts: BiasAlert[]) => alerts.filter((a) => [rising, steady, flagging].includes(a.modelVersion));
    const raised = mine(await evaluateBiasAlerts(now));
    expect(raised.map((a) => [a.modelVersion, a.kind, a.window]).sort()).toEqual(
      [
        [rising, "bias_score_rise", "2031-06-14"],
        [flagging, "flag_rate_doubled", "2031-06-14"],
      ].sort(),
    );
    const rise = raised.find((a) => a.kind === "bias_score_rise")!;
    expect(rise.value).toBeCloseTo(0.12, 6);
    expect(rise.threshold).toBeCloseTo(0.1, 6);
    // 7/21 ÷ 3/21.
    expect(raised.find((a) => a.kind === "flag_rate_doubled")!.value).toBeCloseTo(7 / 3, 5);

    // Evaluated again (the worker runs every 15 minutes): nothing new, one row each.
    expect(mine(await evaluateBiasAlerts(now))).toEqual([]);
    expect(await rows(rising)).toHaveLength(1);
    expect(await rows(steady)).toHaveLength(0);

    // Acknowledged with a note: who, when and why are kept, and the alert stays in the history.
    await expect(acknowledgeBiasAlert(rise.id, { actor: "ml@bias.test", note: "   " })).rejects.toThrow(
      "note: say why the alert is acknowledged",
    );
    const acked = await acknowledgeBiasAlert(rise.id, {
      actor: "ml@bias.test",
      note: " Prompt 2.1 regressed; rolled back ",
    });
    expect(acked).toMatchObject({
      acknowledgedBy: "ml@bias.test",
      acknowledgeNote: "Prompt 2.1 regressed; rolled back",
    });
    expect(acked.acknowledgedAt).toBeInstanceOf(Date);
    expect((await listBiasAlerts({ open: true })).map((a) => a.id)).not.toContain(rise.id);
    expect((await listBiasAlerts()).map((a) => a.id)).toContain(rise.id);
    await expect(acknowledgeBiasAlert(rise.id, { actor: "other@bias.test", note: "again" })).rejects.toThrow(
      `bias alert ${rise.id} was acknowledged already by ml@bias.test`,
    );
    await expect(acknowledgeBiasAlert(999_999_999, { actor: "ml@bias.test", note: "x" })).rejects.toThrow(
      "there is no bias alert 999999999",
    );
    // Through the console's procedure: the signed-in ML engineer is who acknowledged.
    const ml = { id: randomUUID(), email: "ml@bias-monitor.test", name: "ML", role: "ml_engineer" as const };
    const asMl = createCaller({ user: ml, partner: null });
    const flags = raised.find((a) => a.kind === "flag_rate_doubled")!;
    expect(await refusal(asMl.bias.ack({ id: flags.id, note: " " }))).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("note: say why the alert is acknowledged"),
    });
    expect(await asMl.bias.ack({ id: flags.id, note: "Detector change, expected" })).toMatchObject({
      acknowledgedBy: "ml@bias-monitor.test",
      acknowledgeNote: "Detector change, expected",
    });
    // Acknowledged, the same window still raises nothing new.
    expect(mine(await evaluateBiasAlerts(now))).toEqual([]);
    expect(await rows(rising)).toHaveLength(1);
  });

  it("watches production as one series: a release promoted with a bias raises production's alert, not its own", async () => {
    // Evaluated on 2035-02-14: the week before, production served `before` (0.05); this week it
    // serves `promoted` (0.25), which has no earlier week of its own to rise from.
    const before = uniqueReleaseVersion();
    const promoted = uniqueReleaseVersion();
    await daily(before, "2035-02-01", 7, [{ score: 0.05 }, { score: 0.05 }, { score: 0.05 }]);
    await daily(promoted, "2035-02-08", 7, [{ score: 0.25 }, { score: 0.25 }, { score: 0.25 }]);
    const at = new Date("2035-02-14T18:00:00Z");
    const raised = (await evaluateBiasAlerts(at)).filter((a) =>
      [before, promoted, "production"].includes(a.modelVersion),
    );
    expect(raised.map((a) => [a.modelVersion, a.kind])).toEqual([["production", "bias_score_rise"]]);
    expect(raised[0]!.value).toBeCloseTo(0.2, 6);
    expect(raised[0]!.message).toContain("The 7-day mean bias score of production rose from 0.050 to 0.250");
    expect(await evaluateBiasAlerts(at)).toEqual([]);
  });

  it("raises a failed nightly audit once per audit", async () => {
    const release = uniqueReleaseVersion();
    const audit = { id: 424_242, release, threshold: 0.1, failing: [{ attribute: "sex", score: 0.23 }] };
    const first = await raiseAuditFailedAlert(audit);
    expect(first).toMatchObject({ kind: "audit_failed", window: "audit:424242", value: expect.closeTo(0.23, 6) });
    expect(first!.message).toContain("sex 0.230 over the threshold");
    expect(await raiseAuditFailedAlert(audit)).toBeNull();
    expect(await rows(release)).toHaveLength(1);

    // From a shell: a note is required, and the acknowledgement names the operator.
    const noNote = await cli("bias", "ack", String(first!.id));
    expect(noNote.code).toBe(2);
    expect(noNote.stderr).toContain("bias ack needs --note TEXT saying why");
    const acked = await cli("bias", "ack", String(first!.id), "--note", "Audit set changed; re-run passed");
    expect(acked.stderr).toBe("");
    expect(acked.stdout).toContain(`acknowledged bias alert ${first!.id}`);
    const listed = await cli("bias", "alerts", "--json");
    const row = (JSON.parse(listed.stdout) as { id: number; acknowledgedBy: string; acknowledgeNote: string }[]).find(
      (a) => a.id === first!.id,
    );
    expect(row).toMatchObject({
      acknowledgedBy: expect.stringMatching(/^cli:/),
      acknowledgeNote: "Audit set changed; re-run passed",
    });
  });
});
