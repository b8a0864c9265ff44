import { describe, expect, it } from "vitest";
import { seededRandom } from "../../seeded-random";
import { compareToControl } from "./compare-to-control";
import { cupedAdjust, type CupedAggregate } from "./cuped";
import { proportionGuardrail, ratioGuardrail } from "./guardrail";
import { normalSampler } from "./normal-sampler";
import { sampleRatioMismatch } from "./sample-ratio-mismatch";
import { summarizeMean, type MeanAggregate, type ProportionAggregate, type RatioAggregate } from "./summaries";

/**
 * The error rates the tests claim, checked by simulation on a seeded generator (same numbers on
 * every run). Each runs in well under a second.
 *
 * Tolerance for a rate estimated from R = 500 independent replicates with true rate α: the count of
 * rejections is Binomial(500, α). For α = 0.05: mean 25, sd √(500 · 0.05 · 0.95) = 4.87; we accept
 * 25 ± 3 sd, i.e. 11…39 rejections (2.2 %…7.8 %). A correct test lands outside with probability
 * 0.3 % (scipy: binom.cdf(10, 500, 0.05) + binom.sf(39, 500, 0.05)); a test really running at 10 %
 * would still pass with probability 5.5 % (binom.cdf(39, 500, 0.1)), one running at 1 % with 1.3 %
 * (binom.sf(10, 500, 0.01)).
 */
const REPLICATES = 500;
const LOW_5_PERCENT = 11;
const HIGH_5_PERCENT = 39;

function sampleMean(draw: () => number, n: number): MeanAggregate {
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < n; i++) {
    const value = draw();
    sum += value;
    sumSquares += value * value;
  }
  return { n, sum, sumSquares };
}

function sampleProportion(uniform: () => number, rate: number, n: number): ProportionAggregate {
  let successes = 0;
  for (let i = 0; i < n; i++) if (uniform() < rate) successes++;
  return { n, successes };
}

describe("simulated experiments", () => {
  it("A/A: Welch rejects at p < 0.05 about 5 % of the time", () => {
    // 500 experiments, 200 users per arm, satisfaction ~ N(4, 1) in both arms.
    const draw = normalSampler(seededRandom(12_001), 4, 1);
    let rejections = 0;
    let wins = 0;
    for (let r = 0; r < REPLICATES; r++) {
      const result = compareToControl(summarizeMean(sampleMean(draw, 200)), summarizeMean(sampleMean(draw, 200)));
      if (result.status !== "ok") throw new Error(`unexpected: ${result.reason}`);
      if (result.pValue < 0.05) rejections++;
      if (result.chanceToWin > 0.95) wins++;
    }
    expect(rejections).toBeGreaterThanOrEqual(LOW_5_PERCENT);
    expect(rejections).toBeLessThanOrEqual(HIGH_5_PERCENT);
    // Under A/A the chance to win is (approximately) uniform, so it exceeds 0.95 about 5 % of the time too.
    expect(wins).toBeGreaterThanOrEqual(LOW_5_PERCENT);
    expect(wins).toBeLessThanOrEqual(HIGH_5_PERCENT);
  });

  it("detects a +0.2 satisfaction effect (sd 1) with 2,000 users per arm", () => {
    // Expected z = 0.2/√(2/2000) = 6.3, so power at α = 0.05 is 1 − Φ(6.3 − 1.96) ≈ 1 − 7e−6:
    // every one of 20 replicates must detect it and give chance to win > 0.95.
    const random = seededRandom(12_002);
    const control = normalSampler(random, 4, 1);
    const treatment = normalSampler(random, 4.2, 1);
    for (let r = 0; r < 20; r++) {
      const result = compareToControl(
        summarizeMean(sampleMean(control, 2000)),
        summarizeMean(sampleMean(treatment, 2000)),
      );
      expect(result).toMatchObject({ status: "ok" });
      if (result.status !== "ok") return;
      expect(result.pValue).toBeLessThan(0.05);
      expect(result.chanceToWin).toBeGreaterThan(0.95);
      expect(result.ci[0]).toBeGreaterThan(0);
    }
  });

  it("SRM: a true 50/50 split warns about 1 % of the time, 55/45 assignment usually alerts", () => {
    // 500 experiments of 2,000 users each. Fair: warnings (p < 0.01) ~ Binomial(500, 0.01), mean 5,
    // sd 2.2 → accept at most 12 (mean + 3 sd). Skewed: each user goes to arm 0 with probability 0.55,
    // so arm 0's count is 1100 ± 22.2 (sd = √(2000 · 0.55 · 0.45)); the alert (χ² > 10.83, i.e. a
    // deviation from 1000 above √(10.83 · 500) = 73.6) fires with probability Φ((100 − 73.6)/22.2)
    // = Φ(1.19) = 0.883 → mean 441.6, sd 7.2; accept at least 420 (3 sd below). The exact 1100/900
    // split always alerts (sample-ratio-mismatch.test.ts).
    const uniform = seededRandom(12_003);
    let fairWarnings = 0;
    let skewedAlerts = 0;
    for (let r = 0; r < REPLICATES; r++) {
      const fair = sampleProportion(uniform, 0.5, 2000).successes;
      if (sampleRatioMismatch([fair, 2000 - fair], [0.5, 0.5]).status !== "ok") fairWarnings++;
      const skewed = sampleProportion(uniform, 0.55, 2000).successes;
      if (sampleRatioMismatch([skewed, 2000 - skewed], [0.5, 0.5]).status === "alert") skewedAlerts++;
    }
    expect(fairWarnings).toBeLessThanOrEqual(12);
    expect(skewedAlerts).toBeGreaterThanOrEqual(420);
  });

  it("guardrail: false-alarm rate about alpha on A/A, and it fires on a clearly worse arm", () => {
    // A/A: both arms flag 3 % of 1,000 answers; one-sided α = 0.05 → tolerance as above.
    // Worse arm: 3 % vs 6 %, z ≈ 0.03/√(0.045·0.955·0.002) = 3.2, power ≈ 1 − Φ(3.2 − 1.645) = 0.94;
    // require ≥ 440 of 500 (mean 470, sd 5.3; 440 is 5.6 sd below).
    const uniform = seededRandom(12_004);
    let falseAlarms = 0;
    let detections = 0;
    for (let r = 0; r < REPLICATES; r++) {
      const control = sampleProportion(uniform, 0.03, 1000);
      if (proportionGuardrail(control, sampleProportion(uniform, 0.03, 1000)).breached) falseAlarms++;
      if (proportionGuardrail(control, sampleProportion(uniform, 0.06, 1000)).breached) detections++;
    }
    expect(falseAlarms).toBeGreaterThanOrEqual(LOW_5_PERCENT);
    expect(falseAlarms).toBeLessThanOrEqual(HIGH_5_PERCENT);
    expect(detections).toBeGreaterThanOrEqual(440);
  });

  it("guardrail per user: about alpha on A/A when a user's requests are correlated, where per request is not", () => {
    // 400 users per arm, 1…9 answers each; one user in ten is flag-prone (50 % of their answers
    // flagged), the rest 1 %. Requests of one user are far from independent (intra-user
    // correlation ≈ 0.39), so a test counting requests as independent understates the variance
    // (design effect ≈ 1 + (k̄ − 1)·0.39 ≈ 2.6) and fires at ≈ P(Z > 1.645/√2.6) ≈ 15 %, ~76 of 500.
    // The user-level test must stay within the 5 % tolerance above.
    const uniform = seededRandom(12_006);
    const arm = (): { perUser: RatioAggregate; perRequest: ProportionAggregate } => {
      const perUser = { n: 400, sumA: 0, sumB: 0, sumA2: 0, sumB2: 0, sumAB: 0 };
      for (let u = 0; u < perUser.n; u++) {
        const rate = uniform() < 0.1 ? 0.5 : 0.01;
        const answers = 1 + Math.floor(uniform() * 9);
        let flagged = 0;
        for (let r = 0; r < answers; r++) if (uniform() < rate) flagged++;
        perUser.sumA += flagged;
        perUser.sumB += answers;
        perUser.sumA2 += flagged * flagged;
        perUser.sumB2 += answers * answers;
        perUser.sumAB += flagged * answers;
      }
      return { perUser, perRequest: { n: perUser.sumB, successes: perUser.sumA } };
    };
    let perUserAlarms = 0;
    let perRequestAlarms = 0;
    for (let r = 0; r < REPLICATES; r++) {
      const [control, treatment] = [arm(), arm()];
      if (ratioGuardrail(control.perUser, treatment.perUser).breached) perUserAlarms++;
      if (proportionGuardrail(control.perRequest, treatment.perRequest).breached) perRequestAlarms++;
    }
    expect(perUserAlarms).toBeGreaterThanOrEqual(LOW_5_PERCENT);
    expect(perUserAlarms).toBeLessThanOrEqual(HIGH_5_PERCENT);
    expect(perRequestAlarms).toBeGreaterThan(HIGH_5_PERCENT);
  });

  it("CUPED keeps the A/A error rate and narrows the interval when pre-exposure values predict", () => {
    // Y = X + e with X ~ N(4, 0.8²), e ~ N(0, 0.6²): ρ = 0.8, so CUPED should cut the variance by
    // ρ² = 64 % (the lift's se by 1 − √0.36 = 40 %). 500 A/A experiments of 200 users per arm.
    const random = seededRandom(12_005);
    const pre = normalSampler(random, 4, 0.8);
    const noise = normalSampler(random, 0, 0.6);
    const arm = (): CupedAggregate => {
      const a = { n: 200, sumX: 0, sumY: 0, sumX2: 0, sumY2: 0, sumXY: 0 };
      for (let i = 0; i < a.n; i++) {
        const x = pre();
        const y = x + noise();
        a.sumX += x;
        a.sumY += y;
        a.sumX2 += x * x;
        a.sumY2 += y * y;
        a.sumXY += x * y;
      }
      return a;
    };
    let rejections = 0;
    let seRatioSum = 0;
    for (let r = 0; r < REPLICATES; r++) {
      const arms = [arm(), arm()];
      const adjusted = cupedAdjust(arms);
      if (!adjusted.applied) throw new Error(adjusted.reason);
      const [c, t] = adjusted.summaries;
      const withCuped = compareToControl(c!, t!);
      const without = compareToControl(
        summarizeMean({ n: 200, sum: arms[0]!.sumY, sumSquares: arms[0]!.sumY2 }),
        summarizeMean({ n: 200, sum: arms[1]!.sumY, sumSquares: arms[1]!.sumY2 }),
      );
      if (withCuped.status !== "ok" || without.status !== "ok") throw new Error("unexpected not-enough-data");
      if (withCuped.pValue < 0.05) rejections++;
      seRatioSum += withCuped.liftStandardError / without.liftStandardError;
    }
    expect(rejections).toBeGreaterThanOrEqual(LOW_5_PERCENT);
    expect(rejections).toBeLessThanOrEqual(HIGH_5_PERCENT);
    expect(seRatioSum / REPLICATES).toBeCloseTo(0.6, 1);
  });
});
