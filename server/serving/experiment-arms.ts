import { assignVariant, runningExperiments, stickyVariant, type Experiment } from "../experiments";

/** Which arm of a running experiment a request is served by. */
export interface Arm {
  experiment: string;
  /** 0 is control. */
  variant: number;
  release: string;
}

/** Remembered arms, so a user's later requests skip the database; bounded, oldest forgotten first. */
const REMEMBERED = 100_000;

interface ArmsState {
  running: Experiment[];
  remembered: Map<string, number>;
}

// On globalThis: Next.js may evaluate this module more than once per process (route bundles).
const state: ArmsState = ((globalThis as unknown as { apfaArms?: ArmsState }).apfaArms ??= {
  running: [],
  remembered: new Map(),
});

/** Re-reads the running experiments (start-up, every reconcile, and when one starts or stops). */
export async function refreshExperiments(): Promise<Experiment[]> {
  const running = await runningExperiments();
  const keys = new Set(running.map((e) => e.key));
  // A stopped experiment's arms are history: forget them so its users return to production.
  if (state.running.some((e) => !keys.has(e.key))) state.remembered.clear();
  state.running = running;
  return running;
}

export const experimentsRunning = (): readonly Experiment[] => state.running;

/**
 * The arm of the first running experiment the user takes part in, assigned exactly as GrowthBook
 * does (the user id as given, with the experiment's seed) and then sticky: the first arm a user
 * was served is stored (the exposure, logged once) and wins afterwards, even if the weights change.
 * Null when no experiment runs, there is no user id, or the user is in none (production serves).
 */
export async function armFor(userId: string | undefined): Promise<Arm | null> {
  if (!userId) return null;
  for (const experiment of state.running) {
    const assigned = assignVariant(
      {
        key: experiment.key,
        seed: experiment.seed,
        hashVersion: experiment.hashVersion,
        weights: experiment.weights,
        coverage: experiment.coverage,
        variants: experiment.variants,
        namespace: experiment.namespace
          ? [experiment.namespace.id, experiment.namespace.start, experiment.namespace.end]
          : null,
      },
      userId,
    );
    if (!assigned.inExperiment) continue;
    const key = `${experiment.key}\u0000${userId}`;
    let variant = state.remembered.get(key);
    if (variant === undefined) {
      variant = await stickyVariant(experiment.key, userId, assigned.variant);
      if (state.remembered.size >= REMEMBERED) state.remembered.delete(state.remembered.keys().next().value!);
      state.remembered.set(key, variant);
    }
    return { experiment: experiment.key, variant, release: experiment.variants[variant]! };
  }
  return null;
}
