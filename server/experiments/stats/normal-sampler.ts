/**
 * Normal draws from any uniform source (Box–Muller), so simulations can run on a seeded generator
 * and give the same numbers on every machine. Used by the statistics' simulation tests.
 */
export function normalSampler(uniform: () => number, mean = 0, sd = 1): () => number {
  return () => {
    // 1 − u lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    return mean + sd * radius * Math.cos(2 * Math.PI * uniform());
  };
}
