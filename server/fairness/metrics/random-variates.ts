/**
 * Exact binomial and multinomial draws from a uniform source, in O(log n) uniforms per draw, so a
 * bootstrap can resample a million-row group from its counts alone. All deterministic given the
 * uniform source (a seeded one: server/seeded-random.ts).
 */

type Uniform = () => number;

/** A uniform in (0, 1): logarithms below must never see 0. */
const open = (random: Uniform) => {
  let u = random();
  while (u === 0) u = random();
  return u;
};

/** Standard normal (Box–Muller, one of the pair). */
function normal(random: Uniform): number {
  return Math.sqrt(-2 * Math.log(open(random))) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, 1): Marsaglia & Tsang (2000); shape < 1 through Gamma(shape + 1)·U^(1/shape). */
function gamma(shape: number, random: Uniform): number {
  if (shape < 1) return gamma(shape + 1, random) * Math.pow(open(random), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = open(random);
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

function beta(a: number, b: number, random: Uniform): number {
  const x = gamma(a, random);
  return x / (x + gamma(b, random));
}

/** Below this many trials, count Bernoulli trials directly. */
const DIRECT = 40;

/**
 * Binomial(n, p), exactly, by Knuth's order-statistic recursion (TAOCP vol. 2, 3.4.1): the a-th
 * smallest of n uniforms is Beta(a, n + 1 − a); if it lies above p, the successes are among the
 * a − 1 uniforms below it (uniform on [0, x)), else the a below it are successes and the rest are
 * uniform on (x, 1]. Halving n each step.
 */
export function binomial(n: number, p: number, random: Uniform): number {
  if (p <= 0 || n === 0) return 0;
  if (p >= 1) return n;
  let successes = 0;
  while (n > DIRECT) {
    const a = 1 + (n >> 1);
    const x = beta(a, n + 1 - a, random);
    if (x >= p) {
      n = a - 1;
      p = p / x;
    } else {
      successes += a;
      n -= a;
      p = (p - x) / (1 - x);
    }
  }
  for (let i = 0; i < n; i++) if (random() < p) successes++;
  return successes;
}

/**
 * n draws with replacement from a population of the given category counts, as counts per category:
 * a multinomial with probabilities counts / total, drawn as successive conditional binomials.
 */
export function resampleCounts(counts: readonly number[], n: number, random: Uniform): number[] {
  let remainingWeight = counts.reduce((sum, count) => sum + count, 0);
  let remaining = n;
  return counts.map((count) => {
    const drawn = remainingWeight === 0 ? 0 : binomial(remaining, count / remainingWeight, random);
    remaining -= drawn;
    remainingWeight -= count;
    return drawn;
  });
}
