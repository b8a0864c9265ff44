import { z } from "zod";

/** A key's rate limit: `points` calls per `seconds`. */
export interface RateLimitPolicy {
  points: number;
  seconds: number;
}

/** The units a limit is written in (`100/m`), and their seconds. */
export const RATE_LIMIT_UNITS = { s: 1, m: 60, h: 3600 } as const;
export type RateLimitUnit = keyof typeof RATE_LIMIT_UNITS;

/** Far above anything a partner needs, low enough that a typo (an extra zero or five) stands out. */
export const MAX_RATE_LIMIT_POINTS = 1_000_000;

/** A limit as the console and the tRPC API send it: a count and its unit. */
export const rateLimitInput = z.object({
  points: z
    .number({ error: "the rate limit's count must be a number" })
    .int("the rate limit's count must be a whole number")
    .min(1, "the rate limit's count must be at least 1")
    .max(MAX_RATE_LIMIT_POINTS, `the rate limit's count must be at most ${MAX_RATE_LIMIT_POINTS}`),
  unit: z.enum(["s", "m", "h"], { error: "the rate limit's unit must be s, m or h" }),
});
export type RateLimitInput = z.infer<typeof rateLimitInput>;

/** What is stored and enforced: the count per window of seconds. */
export const policyFromInput = ({ points, unit }: RateLimitInput): RateLimitPolicy => ({
  points,
  seconds: RATE_LIMIT_UNITS[unit],
});

/**
 * `100/m` (or `/s`, `/h`) as the count and unit rateLimitInput takes; anything else is refused with
 * what a limit looks like, naming `what` (the CLI's flag) so the message stands alone.
 */
export function parseRateLimit(text: string, what = "--rate-limit"): RateLimitInput {
  const refuse = (why: string) =>
    new Error(`${what} must look like 100/m: a whole number ≥ 1, a slash, then s, m or h (${why}; got "${text}")`);
  const match = /^\s*(\d+)\s*\/\s*([smh])\s*$/.exec(text);
  if (!match?.[1] || !match[2]) throw refuse("not that form");
  const points = Number(match[1]);
  if (points < 1) throw refuse("the count is 0");
  if (points > MAX_RATE_LIMIT_POINTS) throw refuse(`the count is above ${MAX_RATE_LIMIT_POINTS}`);
  return { points, unit: match[2] as RateLimitUnit };
}

/** A policy as people write it: `100/m`, or `100/90s` for a window that is not one unit. */
export function formatRateLimit({ points, seconds }: RateLimitPolicy): string {
  const unit = (Object.keys(RATE_LIMIT_UNITS) as RateLimitUnit[]).find((u) => RATE_LIMIT_UNITS[u] === seconds);
  return unit ? `${points}/${unit}` : `${points}/${seconds}s`;
}

/** A policy in words, for error messages: "5 requests per second". */
export function describeRateLimit({ points, seconds }: RateLimitPolicy): string {
  const per = seconds === 1 ? "second" : seconds === 60 ? "minute" : seconds === 3600 ? "hour" : `${seconds} seconds`;
  return `${points} request${points === 1 ? "" : "s"} per ${per}`;
}
