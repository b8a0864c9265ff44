import { AppError } from "../../errors";
import { chooseVariation, getBucketRanges } from "./bucket-ranges";
import { hash } from "./hash";
import { inNamespace, type Namespace } from "./namespace";

/** What assignment needs of an experiment (the rest of it, releases and metrics, plays no part). */
export interface AssignmentSettings {
  key: string;
  /** Hashed with the user id; unset or empty, the key (as in the SDKs: `seed || key`). */
  seed?: string;
  /** 1 or 2; default 2. Another version hashes nothing, so no user is in the experiment (SDKs alike). */
  hashVersion?: number;
  /** One per arm, summing to 1 (±0.01); otherwise equal weights, as the SDKs fall back. */
  weights?: readonly number[] | null;
  /** The share of traffic in the experiment, default 1; clamped into [0, 1] as the SDKs do. */
  coverage?: number;
  /** How many arms, or the arms themselves (only their count matters). The first is control. */
  variants: number | readonly unknown[];
  /** Only users in this slice of the namespace take part (see namespace.ts). */
  namespace?: Namespace | null;
}

export interface Assignment {
  /** The arm's index; 0 (control) when the user is not in the experiment. */
  variant: number;
  /**
   * Where the user falls in [0, 1) for this experiment: `hash(seed, userId, hashVersion)`, the
   * number compared with the arms' ranges. GrowthBook's SDKs report the same number as
   * `result.bucket` for a user in the experiment. Given here also when the user is left out
   * (outside the coverage, outside the namespace, fewer than two arms), to show where the user
   * fell; the SDKs stop before hashing in the last two cases. Null when nothing can be hashed:
   * an empty user id or an unknown hash version.
   */
  bucket: number | null;
  /** Whether the user takes part: false means control is served and the user counts in no arm. */
  inExperiment: boolean;
}

const DEFAULT_HASH_VERSION = 2;

function invalid(field: string, problem: string): AppError {
  return new AppError("bad_request", `${field}: ${problem}`, { field });
}

const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** Refuses what the SDKs have no reading for (their fallbacks cover the rest). Returns the arm count. */
function checkSettings(settings: AssignmentSettings): number {
  if (typeof settings.key !== "string" || settings.key === "") throw invalid("key", "must be a non-empty string");
  const arms = typeof settings.variants === "number" ? settings.variants : settings.variants?.length;
  if (!Number.isInteger(arms) || arms! < 0)
    throw invalid("variants", "must be a whole number of arms or a list of arms");
  if (settings.coverage !== undefined && !isNumber(settings.coverage)) throw invalid("coverage", "must be a number");
  if (settings.weights && !settings.weights.every(isNumber)) throw invalid("weights", "must all be numbers");
  if (settings.hashVersion !== undefined && !isNumber(settings.hashVersion))
    throw invalid("hashVersion", "must be 1 or 2");
  const namespace = settings.namespace;
  if (namespace && !(typeof namespace[0] === "string" && isNumber(namespace[1]) && isNumber(namespace[2])))
    throw invalid("namespace", "must be [id, start, end] with start and end numbers");
  return arms!;
}

/**
 * The arm a user gets, decided as GrowthBook's JavaScript SDK decides it (core.ts, steps 1, 6, 7
 * and 9–10 of running an experiment): fewer than two arms, an empty user id or a user outside
 * the namespace take no part; otherwise the user's bucket picks the arm whose range holds it, and
 * a bucket in no range (outside the coverage) takes no part. Whoever takes no part gets control.
 */
export function assignVariant(settings: AssignmentSettings, userId: string): Assignment {
  const arms = checkSettings(settings);
  const hashVersion = settings.hashVersion ?? DEFAULT_HASH_VERSION;
  const bucket = userId === "" ? null : hash(settings.seed || settings.key, userId, hashVersion);
  const left = { variant: 0, bucket, inExperiment: false };
  if (arms < 2 || bucket === null) return left;
  if (settings.namespace && !inNamespace(userId, settings.namespace)) return left;
  const variant = chooseVariation(bucket, getBucketRanges(arms, settings.coverage ?? 1, settings.weights));
  return variant < 0 ? left : { variant, bucket, inExperiment: true };
}
