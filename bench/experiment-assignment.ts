/**
 * The per-request cost of assigning a user to an experiment's arm: `assignVariant` (GrowthBook's
 * hashing, server/experiments/assignment) with two and three arms, hash versions 1 and 2, beside
 * the seed's naive split (md5 of the user id, its first four bytes % 100, under 90 → control), in
 * one process over the same user ids. Also prints the share of users each way puts in each arm.
 *
 *   node --import tsx bench/experiment-assignment.ts [--users 1000000] [--rounds 7]
 *
 * Needs nothing running: assignment is pure computation.
 */
import { createHash, randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { assignVariant, type AssignmentSettings } from "../server/experiments/assignment";
import { median, ms, percentile, table } from "./lib/stats";

const { values } = parseArgs({
  options: { users: { type: "string", default: "1000000" }, rounds: { type: "string", default: "7" } },
});
const users = Number(values.users);
const rounds = Number(values.rounds);
if (!Number.isInteger(users) || users < 1) throw new Error("--users must be a whole number ≥ 1");
if (!Number.isInteger(rounds) || rounds < 1) throw new Error("--rounds must be a whole number ≥ 1");

// Ids shaped like the product's (uuids), made before timing so that only assignment is timed.
const userIds = Array.from({ length: users }, () => randomUUID());

/** The seed's split: md5 of the user id, first four bytes as an unsigned integer, % 100; 90/10. */
function naiveVariant(userId: string): number {
  return createHash("md5").update(userId).digest().readUInt32BE(0) % 100 < 90 ? 0 : 1;
}

interface Way {
  name: string;
  arms: number;
  assign(userId: string): number;
}

const viaAssignVariant = (name: string, settings: AssignmentSettings): Way => ({
  name,
  arms: settings.variants as number,
  assign: (userId) => assignVariant(settings, userId).variant,
});

const ways: Way[] = [
  { name: "seed: md5(userId) % 100, 90/10 (node:crypto)", arms: 2, assign: naiveVariant },
  viaAssignVariant("assignVariant, 2 arms 90/10, hash v2", { key: "bench-two", variants: 2, weights: [0.9, 0.1] }),
  viaAssignVariant("assignVariant, 2 arms 90/10, hash v1", {
    key: "bench-two",
    variants: 2,
    weights: [0.9, 0.1],
    hashVersion: 1,
  }),
  viaAssignVariant("assignVariant, 3 arms, hash v2", { key: "bench-three", variants: 3 }),
  viaAssignVariant("assignVariant, 3 arms, hash v1", { key: "bench-three", variants: 3, hashVersion: 1 }),
];

/** Microseconds per assignment over every user, and how many users each arm got. */
function run(way: Way): { perRequest: number; counts: number[] } {
  const counts = new Array<number>(way.arms).fill(0);
  const started = performance.now();
  // Counting each arm uses every answer, so none of the work can be skipped as unused.
  for (let i = 0; i < users; i++) counts[way.assign(userIds[i]!)]!++;
  return { perRequest: ((performance.now() - started) * 1000) / users, counts };
}

// One warm-up round of every way, then rounds that take the ways in turn, starting each round one
// further along: no way always runs first or right after the same other one (JIT and caches).
for (const way of ways) run(way);
const perRequest = ways.map(() => [] as number[]);
const counts = ways.map(() => [] as number[]);
for (let round = 0; round < rounds; round++) {
  for (let k = 0; k < ways.length; k++) {
    const index = (round + k) % ways.length;
    const result = run(ways[index]!);
    perRequest[index]!.push(result.perRequest);
    counts[index] = result.counts;
  }
}

const timings = ways.map((way, i) => {
  const us = perRequest[i]!;
  return [way.name, ms(median(us), 3), ms(percentile(us, 100), 3), ms(Math.min(...us), 3)];
});
const shares = ways.map((way, i) => [
  way.name,
  ...[0, 1, 2].map((arm) => (arm < way.arms ? ms((100 * counts[i]![arm]!) / users, 2) : "")),
]);

console.log(`\n${users.toLocaleString("en-US")} users per round, ${rounds} rounds (after one warm-up round)\n`);
console.log(table(["assignment", "median (µs)", "slowest round (µs)", "fastest round (µs)"], timings));
console.log("\nshare of users per arm (%), last round\n");
console.log(table(["assignment", "arm 0", "arm 1", "arm 2"], shares));
