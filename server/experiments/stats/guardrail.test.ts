import { describe, expect, it } from "vitest";
import { proportionGuardrail, ratioGuardrail } from "./guardrail";
import type { RatioAggregate } from "./summaries";

describe("proportionGuardrail", () => {
  it("fires on a clearly worse arm with the textbook one-sided p-value", () => {
    // Control 10/1000, treatment 25/1000. Pooled p̂ = 35/2000 = 0.0175;
    // se = √(0.0175 · 0.9825 · (1/1000 + 1/1000)) = √3.43875e−5 = 0.0058641;
    // z = 0.015/0.0058641 = 2.5579; p = scipy stats.norm.sf(2.5579435578928087) = 0.005264659032641467.
    const result = proportionGuardrail({ n: 1000, successes: 10 }, { n: 1000, successes: 25 });
    expect(result.breached).toBe(true);
    expect(result.pValue).toBeCloseTo(0.005264659032641467, 12);
    expect(result.reason).toContain("breached");
    expect(result.reason).toContain("2.50 % (25/1000) vs control 1.00 % (10/1000)");
  });

  it("does not fire when the treatment is better, however clearly", () => {
    // Same numbers reversed: z = −2.5579, p = 1 − 0.005265 = 0.994735.
    const result = proportionGuardrail({ n: 1000, successes: 25 }, { n: 1000, successes: 10 });
    expect(result.breached).toBe(false);
    expect(result.pValue).toBeCloseTo(1 - 0.005264659032641467, 12);
  });

  it("honours a stricter alpha", () => {
    const result = proportionGuardrail({ n: 1000, successes: 10 }, { n: 1000, successes: 25 }, { alpha: 0.001 });
    expect(result.breached).toBe(false);
  });

  it("waits for the minimum sample", () => {
    const result = proportionGuardrail({ n: 150, successes: 0 }, { n: 150, successes: 30 }, { minSamplePerArm: 200 });
    expect(result).toMatchObject({ breached: false, pValue: null });
    expect(result.reason).toContain("not enough data yet: 150 of the 200");
  });

  it("holds when neither arm has a single flag", () => {
    expect(proportionGuardrail({ n: 500, successes: 0 }, { n: 500, successes: 0 })).toMatchObject({
      breached: false,
      pValue: 1,
    });
  });
});

/** The SQL sums over users of each user's (numerator, denominator) pair. */
function perUser(pairs: readonly (readonly [number, number])[]): RatioAggregate {
  const sums = { n: pairs.length, sumA: 0, sumB: 0, sumA2: 0, sumB2: 0, sumAB: 0 };
  for (const [a, b] of pairs) {
    sums.sumA += a;
    sums.sumB += b;
    sums.sumA2 += a * a;
    sums.sumB2 += b * b;
    sums.sumAB += a * b;
  }
  return sums;
}
const users = (count: number, pair: readonly [number, number]) => Array.from({ length: count }, () => pair);

/*
 * Reference values for ratioGuardrail: numpy and scipy from the per-user pairs, not from the sums —
 * a, b the users' numerators and denominators; C = np.cov(a, b, ddof=1); per arm
 * R = a.sum()/b.sum(), Var = (C[0,0]/b̄² − 2·ā·C[0,1]/b̄³ + ā²·C[1,1]/b̄⁴)/n;
 * z = (R_t − R_c)/√(Var_c + Var_t), p = scipy.stats.norm.sf(z).
 */
describe("ratioGuardrail (the user as the unit)", () => {
  it("with one request per user, is the unpooled two-proportion test", () => {
    // Control 10 of 1000 users flagged, treatment 25 of 1000: p = 0.005220721219115066 (the pooled
    // per-request test above gives 0.005265: with independent requests the two nearly agree).
    const control = perUser([...users(10, [1, 1]), ...users(990, [0, 1])]);
    const treatment = perUser([...users(25, [1, 1]), ...users(975, [0, 1])]);
    const result = ratioGuardrail(control, treatment);
    expect(result).toMatchObject({ breached: true, controlRate: 0.01, treatmentRate: 0.025 });
    expect(result.pValue).toBeCloseTo(0.005220721219115066, 12);
    expect(result.reason).toContain("2.50 % (25/1000 over 1000 users) vs control 1.00 % (10/1000 over 1000 users)");
    expect(ratioGuardrail(treatment, control).pValue).toBeCloseTo(0.9947792787808849, 12);
  });

  it("carries the correlation of a user's requests (delta method)", () => {
    // Control (flags, answers) per user: (0,3) (1,2) (0,1) (2,4); treatment (1,1) (3,5) (0,2) (2,2) (1,3).
    // R_c = 3/10, R_t = 7/13; Var_c = 0.022666666666666665, Var_t = 0.019957284408809218;
    // z = 1.1550252786024855, p = 0.12404003743998177.
    const control = perUser([
      [0, 3],
      [1, 2],
      [0, 1],
      [2, 4],
    ]);
    const treatment = perUser([
      [1, 1],
      [3, 5],
      [0, 2],
      [2, 2],
      [1, 3],
    ]);
    const result = ratioGuardrail(control, treatment, { minSamplePerArm: 2 });
    expect(result.controlRate).toBeCloseTo(0.3, 12);
    expect(result.treatmentRate).toBeCloseTo(7 / 13, 12);
    expect(result.pValue).toBeCloseTo(0.12404003743998177, 12);
    expect(result.breached).toBe(false);
  });

  it("is not stopped by one user whose many questions are all flagged alike", () => {
    // Control: 200 users, one answer each, 6 flagged (3 %). Treatment: 199 users, one answer each,
    // 5 flagged, and one user with 40 answers of which 20 flagged: 25/239 = 10.46 % per request.
    // Per request (pooled z-test) that is z = 3.0387, p = 0.001187981934566895: a breach. Per user,
    // z = 1.0934027111924218, p = 0.13710851184640938: the excess is one person, not the arm.
    const control = perUser([...users(6, [1, 1]), ...users(194, [0, 1])]);
    const treatment = perUser([...users(5, [1, 1]), ...users(194, [0, 1]), [20, 40]]);
    expect(proportionGuardrail({ n: 200, successes: 6 }, { n: 239, successes: 25 }).pValue).toBeCloseTo(
      0.001187981934566895,
      12,
    );
    const result = ratioGuardrail(control, treatment);
    expect(result.pValue).toBeCloseTo(0.13710851184640938, 12);
    expect(result.breached).toBe(false);
  });

  it("waits for the minimum number of users, and holds when neither arm has a flag", () => {
    const few = ratioGuardrail(perUser(users(150, [0, 3])), perUser(users(150, [3, 3])));
    expect(few).toMatchObject({ breached: false, pValue: null });
    expect(few.reason).toContain("not enough data yet: 150 of the 200 users per arm needed");
    expect(ratioGuardrail(perUser(users(500, [0, 2])), perUser(users(500, [0, 2])))).toMatchObject({
      breached: false,
      pValue: 1,
    });
  });
});
