import { fnv1a32 } from "./fnv";

/**
 * GrowthBook's hash of a value (a user id) under a seed (by default the experiment key): a number
 * in [0, 1). Version 1 is the SDKs' original; it puts the seed after the value and keeps three
 * decimals, which makes similar seeds correlate (the SDKs keep it only so that old experiments
 * still assign as they did). Version 2 hashes the decimal string of a first hash again, which
 * spreads similar inputs apart, and keeps four decimals. Any other version → null: the SDKs
 * then leave the user out of the experiment rather than guess.
 */
export function hash(seed: string, value: string, version: number): number | null {
  if (version === 2) return (fnv1a32(String(fnv1a32(seed + value))) % 10000) / 10000;
  if (version === 1) return (fnv1a32(value + seed) % 1000) / 1000;
  return null;
}
