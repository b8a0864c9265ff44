import { randomUUID } from "node:crypto";
import { Worker } from "bullmq";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "@/test/cli";
import { uniqueReleaseVersion } from "@/test/releases";
import { evaluateBiasAlerts, storeAdviceRecord } from "@/server/advice";
// Not "@/server/api": its face also exports createContext, which loads next-auth (test/trpc.ts says why).
// eslint-disable-next-line apfa/domain-faces
import { createCaller } from "@/server/api/root";
import { BIAS_FLAG_THRESHOLD, type BiasAlert } from "@/server/bias";
// eslint-disable-next-line apfa/domain-faces -- the test counts the stored rows
import { biasAlerts } from "@/server/bias/tables";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { enqueue, waitForJob } from "@/server/queues";
import { createRedis } from "@/server/redis";
import { processors } from ".";

/**
 * "A bias regression in production raises an alert within the rule's window" (issue 14), on real
 * PostgreSQL and Redis: the rule of server/bias/alert-rules.ts over answers stored by the record
 * writer, evaluated the way the worker evaluates it (over time, and as its scheduled job), and the
 * ways a person asks for it at once (the console's Evaluate now, `bias alerts --evaluate`).
 * The rule reads a release's stored answers whichever alias served them; each release here is
 * named only here.
 */

const DAY_MS = 86_400_000;
/** A clean week's answers, and the two levels after: +0.11 must alert, +0.09 must not. All stay
 *  under the flag threshold, so the flag-rate rule has nothing to say and only the mean moves. */
const BEFORE = 0.05;
const RISE_ALERTS = 0.16;
const RISE_STAYS = 0.14;

/** Stores answers of `release` through the record writer, with the bias score given, at the times given. */
async function answers(release: string, score: number, times: Date[]) {
  await Promise.all(
    times.map((createdAt) =>
      storeAdviceRecord({
        channel: "chat",
        conversationId: randomUUID(),
        query: "Should I borrow $10,000 over 36 months?",
        status: "ok",
        advice: "Of the 5 similar loans, 4 were repaid.",
        biasScore: score,
        biasFlagged: score > BIAS_FLAG_THRESHOLD,
        release,
        versions: {},
        timings: {},
        createdAt,
      }),
    ),
  );
}

/** `days` days from `first` (midnight UTC), each at the hours given. */
function times(first: number, days: number, hours: number[]): Date[] {
  return Array.from({ length: days }, (_, d) => hours.map((h) => new Date(first + d * DAY_MS + h * 3_600_000))).flat();
}

const rows = (release: string) => getDb().select().from(biasAlerts).where(eq(biasAlerts.modelVersion, release));
const mine = (alerts: BiasAlert[], ...releases: string[]) => alerts.filter((a) => releases.includes(a.modelVersion));

describe("a bias regression in production", () => {
  it("raises one alert within the rule's window when the 7-day mean rises by 0.11, and none for 0.09", async () => {
    const regressed = uniqueReleaseVersion();
    const drifted = uniqueReleaseVersion();
    // Years ahead of every other file's rows, so nothing else falls into these windows.
    const start = Date.parse("2033-03-01T00:00:00Z");
    const regression = start + 14 * DAY_MS; // 2033-03-15: the first day of the new level
    const hours = [4, 12, 20]; // 3 answers a day
    await answers(regressed, BEFORE, times(start, 14, hours));
    await answers(regressed, RISE_ALERTS, times(regression, 14, hours));
    await answers(drifted, BEFORE, times(start, 14, hours));
    await answers(drifted, RISE_STAYS, times(regression, 14, hours));

    // The worker evaluates every 15 minutes; here four times a day, through the two weeks after the
    // regression began, which is what decides when the alert comes and whether it repeats.
    const raised: { at: string; alert: BiasAlert }[] = [];
    for (const at of times(regression, 14, [0.5, 6.5, 12.5, 18.5])) {
      for (const alert of mine(await evaluateBiasAlerts(at), regressed, drifted))
        raised.push({ at: at.toISOString(), alert });
    }

    // By hand. The current window is the 7 UTC days ending with the day evaluated, answers up to
    // the moment of evaluation; the previous window the 7 days before. Until 03-21 12:00 the
    // current window either has fewer than 20 answers (03-21 06:30: 6 days × 3 + 1 = 19) or still
    // holds a day at 0.05 (03-20 18:30: 3 at 0.05 and 17 at 0.16, mean 0.1435, rise 0.0935). At
    // 03-21 12:30 it holds 20 answers all at 0.16 against 21 at 0.05: rise 0.11, more than 0.1, on
    // the 7th day of the regression. From 03-22 the previous window holds regressed days too (03-22
    // 12:30: (18 × 0.05 + 3 × 0.16) / 21 = 0.0657 before, rise 0.0943), so the alert is not raised
    // again. The drift of 0.09 never crosses.
    expect(raised.map(({ at, alert }) => [at, alert.modelVersion, alert.kind, alert.window])).toEqual([
      ["2033-03-21T12:30:00.000Z", regressed, "bias_score_rise", "2033-03-21"],
    ]);
    const { alert } = raised[0]!;
    // Scores are stored as float4 (real): 0.16 − 0.05 comes back as 0.10999999…, close to 6 digits.
    expect(alert.value).toBeCloseTo(0.11, 6);
    expect(alert.threshold).toBeCloseTo(0.1, 6);
    expect(alert.message).toBe(
      `The 7-day mean bias score of ${regressed} rose from 0.050 to 0.160 (+0.110, more than 0.1).`,
    );
    // Evaluated again within the window: stored once.
    expect(mine(await evaluateBiasAlerts(new Date("2033-03-21T23:59:00Z")), regressed)).toEqual([]);
    expect(await rows(regressed)).toHaveLength(1);
    expect(await rows(drifted)).toHaveLength(0);
  });
});

describe("evaluating now", () => {
  let worker: Worker;

  beforeAll(async () => {
    // As jobs/worker.ts runs it.
    worker = new Worker("bias-alerts", processors["bias-alerts"], {
      connection: createRedis("test-worker:bias-alerts", { blocking: true }),
      prefix: env.APFA_QUEUE_PREFIX,
      concurrency: 1,
    });
    await worker.waitUntilReady();
  });

  afterAll(async () => {
    await worker.close();
  });

  /**
   * A release that regressed by 0.11 this week (or drifted by 0.09), in real time: 20 answers on
   * days 12–8 ago, 20 on days 5–1 ago, at noon UTC. The days between are left empty so that a UTC
   * midnight during the test moves no answer into the other window.
   */
  async function regressedThisWeek(level = RISE_ALERTS): Promise<string> {
    const release = uniqueReleaseVersion();
    const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
    await answers(release, BEFORE, times(today - 12 * DAY_MS, 5, [10, 11, 12, 13]));
    await answers(release, level, times(today - 5 * DAY_MS, 5, [10, 11, 12, 13]));
    return release;
  }

  it("the worker's scheduled job raises a regression once; a second run raises nothing new", async () => {
    const regressed = await regressedThisWeek();
    const drifted = await regressedThisWeek(RISE_STAYS);
    const run = async () => {
      const job = await enqueue("bias-alerts", { requestedBy: "schedule" });
      return waitForJob<{ raised: number[] }>("bias-alerts", job.id, 30_000);
    };
    const first = await run();
    const [stored] = await rows(regressed);
    expect(stored).toMatchObject({ kind: "bias_score_rise", value: expect.closeTo(0.11, 6) });
    expect(first.raised).toContain(stored!.id);
    expect(await rows(drifted)).toHaveLength(0);

    const second = await run();
    expect(second.raised).not.toContain(stored!.id);
    expect(await rows(regressed)).toHaveLength(1);
  });

  it("Evaluate now (console) and bias alerts --evaluate (CLI) raise what the worker would, once", async () => {
    const ml = { id: randomUUID(), email: "ml@bias-alerts.test", name: "ML", role: "ml_engineer" as const };
    const asMl = createCaller({ user: ml, partner: null });

    const first = await regressedThisWeek();
    const raised = mine(await asMl.bias.evaluate(), first);
    expect(raised.map((a) => [a.modelVersion, a.kind])).toEqual([[first, "bias_score_rise"]]);
    expect(mine(await asMl.bias.evaluate(), first)).toEqual([]);

    const second = await regressedThisWeek();
    const printed = await cli("bias", "alerts", "--evaluate");
    expect(printed.code).toBe(0);
    // What goes to stderr is the warning every raised alert logs, wherever it is raised.
    const logged = printed.stderr
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: string; scope: string; msg: string; id: number; kind: string });
    expect(logged.every((line) => line.level === "warn" && line.msg === "bias alert raised")).toBe(true);
    expect(logged).toContainEqual(
      expect.objectContaining({ scope: "apfa:bias-alerts", id: (await rows(second))[0]!.id, kind: "bias_score_rise" }),
    );
    expect(printed.stdout).toMatch(/^evaluated the alert rules: \d+ new alerts?\n/);
    expect(printed.stdout).toContain(`bias_score_rise   ${second}`);
    // Again, for a script: the list only, the alert in it once.
    const listed = await cli("bias", "alerts", "--evaluate", "--json");
    expect(listed).toMatchObject({ code: 0, stderr: "" }); // nothing new to raise
    const alerts = JSON.parse(listed.stdout) as { release: string; kind: string }[];
    expect(alerts.filter((a) => a.release === second).map((a) => a.kind)).toEqual(["bias_score_rise"]);
    expect(await rows(second)).toHaveLength(1);

    const misplaced = await cli("bias", "trends", "--evaluate");
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toContain("--evaluate goes with bias alerts");
  });
});
