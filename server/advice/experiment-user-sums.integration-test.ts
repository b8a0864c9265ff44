import { randomInt, randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { indexWith } from "@/test/index-fixture";
import { testRelease } from "@/test/releases";
import { getDb } from "../db";
import { createExperiment, stickyVariant } from "../experiments";
import { aliasedRelease, PRODUCTION } from "../registry";
import { recordFeedback } from ".";
import { markAdviceStopped, storeAdviceRecord, type AdviceRecord } from "./record-writer";
import { adviceRequests, experimentUserSums } from "./tables";

/**
 * `experiment_user_sums` is kept by triggers on `advice_requests` (migration 0015). Whatever
 * happens to the requests — batched and concurrent inserts, feedback, a stop, a deletion — its
 * rows must equal the same sums recomputed from the requests themselves.
 */

let releases: string[] = [];

beforeAll(async () => {
  await indexWith();
  releases = [(await aliasedRelease(PRODUCTION))!.version, await testRelease()];
});

/** The per-user sums straight from `advice_requests`: what the triggers must have kept. */
async function recomputed(experiment: string) {
  const { rows } = await getDb().execute<Record<string, unknown>>(sql`
    select variant, coalesce(user_id::text, external_user_id, '') as user_key,
      count(*)::int as requests,
      count(*) filter (where status = 'ok')::int as answered,
      count(*) filter (where status = 'error')::int as errors,
      count(*) filter (where bias_flagged)::int as flagged,
      count(total_ms) filter (where status = 'ok')::int as latency_n,
      coalesce(sum(total_ms) filter (where status = 'ok'), 0)::float8 as latency_sum,
      coalesce(sum(total_ms ^ 2) filter (where status = 'ok'), 0)::float8 as latency_sum_squares,
      count(rating)::int as rating_n,
      coalesce(sum(rating), 0)::float8 as rating_sum,
      coalesce(sum(rating * rating), 0)::float8 as rating_sum_squares,
      count(thumbs)::int as thumbs_n,
      count(*) filter (where thumbs = 'up')::int as thumbs_up
    from advice_requests where experiment = ${experiment}
    group by 1, 2 order by 1, 2`);
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, k === "user_key" ? v : rounded(Number(v))])),
  );
}

/** Sums of squares kept by adding and subtracting differ from a fresh sum in the last bits. */
const rounded = (value: number) => Number(value.toPrecision(12));

async function kept(experiment: string) {
  const rows = await getDb()
    .select()
    .from(experimentUserSums)
    .where(sql`${experimentUserSums.experiment} = ${experiment} and ${experimentUserSums.requests} > 0`)
    .orderBy(experimentUserSums.variant, experimentUserSums.userKey);
  return rows.map(({ experiment: _e, preRatingN: _n, preRatingSum: _s, ...row }) => ({
    variant: row.variant,
    user_key: row.userKey,
    requests: row.requests,
    answered: row.answered,
    errors: row.errors,
    flagged: row.flagged,
    latency_n: row.latencyN,
    latency_sum: rounded(row.latencySum),
    latency_sum_squares: rounded(row.latencySumSquares),
    rating_n: row.ratingN,
    rating_sum: row.ratingSum,
    rating_sum_squares: row.ratingSumSquares,
    thumbs_n: row.thumbsN,
    thumbs_up: row.thumbsUp,
  }));
}

function request(experiment: string | null, variant: number | null, user: string, fields: Partial<AdviceRecord> = {}) {
  const signedIn = /^[0-9a-f-]{36}$/.test(user);
  return {
    id: randomUUID(),
    channel: signedIn ? "chat" : "api",
    userId: signedIn ? user : null,
    externalUserId: signedIn ? null : user,
    conversationId: randomUUID(),
    query: "Should I borrow $5,000?",
    status: "ok",
    advice: "…",
    sources: [],
    biasScore: 0,
    biasFlagged: false,
    biasReasons: [],
    release: releases[variant ?? 0]!,
    experiment,
    variant,
    versions: {},
    timings: { totalMs: 100 + randomInt(0, 900) / 7 },
    error: null,
    ...fields,
  } satisfies AdviceRecord;
}

describe("experiment_user_sums", () => {
  it("equals the sums recomputed from the requests after concurrent inserts, feedback, a stop and a deletion", async () => {
    const key = `sums-${randomInt(1_000, 1_000_000_000)}`;
    await createExperiment({ key, variants: releases }, "t");
    const signedIn = Array.from({ length: 6 }, () => randomUUID());
    const partners = Array.from({ length: 6 }, (_, i) => `${key}-partner-user-${i}`);
    const users = [...signedIn, ...partners];
    for (const [i, user] of users.entries()) await stickyVariant(key, user, i % 2);
    // Several requests per user, stored concurrently (the writer batches them), with every status
    // and flags, beside requests of other experiments and outside any.
    const records = users.flatMap((user, i) =>
      Array.from({ length: 5 }, (_, j) =>
        request(key, i % 2, user, {
          status: j === 4 ? "error" : "ok",
          biasFlagged: j === 0 && i % 3 === 0,
          rating: j === 1 ? 1 + ((i + j) % 5) : null,
          thumbs: j === 2 ? (i % 2 ? "up" : "down") : null,
          timings: j === 3 ? {} : { totalMs: 50 + 17 * i + j / 3 },
        }),
      ),
    );
    const elsewhere = users.map((user) => request(null, null, user, { rating: 5 }));
    await Promise.all([...records, ...elsewhere].map(storeAdviceRecord));
    expect(await kept(key)).toEqual(await recomputed(key));

    // Feedback changes a rating and thumbs after the fact; a stop turns an answer into a cancellation.
    for (const [i, user] of signedIn.entries()) {
      const own = records.filter((r) => r.userId === user);
      await recordFeedback(user, { adviceId: own[0]!.id, rating: 1 + i, thumbs: "up" });
      await recordFeedback(user, { adviceId: own[1]!.id, rating: 5 });
    }
    await markAdviceStopped(records[2]!.id, "stopped by the user");
    expect(await kept(key)).toEqual(await recomputed(key));

    // A deletion (an erasure request; this user has no flagged answer under review) takes the user's requests out of the sums; the user then counts no more.
    await getDb().delete(adviceRequests).where(eq(adviceRequests.externalUserId, partners[1]!));
    const after = await kept(key);
    expect(after).toEqual(await recomputed(key));
    expect(after.map((row) => row.user_key)).not.toContain(partners[1]);
    expect(after).toHaveLength(users.length - 1);
  });

  it("fixes each user's pre-exposure ratings when their first request in the experiment is stored", async () => {
    const key = `pre-${randomInt(1_000, 1_000_000_000)}`;
    await createExperiment({ key, variants: releases }, "t");
    const user = randomUUID();
    const hourAgo = new Date(Date.now() - 3_600_000);
    // Two ratings before the exposure, on requests outside the experiment (4 and 2: mean 3).
    await Promise.all(
      [4, 2].map((rating) => storeAdviceRecord(request(null, null, user, { rating, feedbackAt: hourAgo }))),
    );
    await stickyVariant(key, user, 1);
    const first = request(key, 1, user);
    await storeAdviceRecord(first);
    // Ratings given after the exposure — on an old request or a new one — are not pre-exposure.
    const later = request(null, null, user);
    await storeAdviceRecord(later);
    await recordFeedback(user, { adviceId: later.id, rating: 1 });
    await recordFeedback(user, { adviceId: first.id, rating: 5 });
    await storeAdviceRecord(request(key, 1, user));

    const [row] = await getDb().select().from(experimentUserSums).where(eq(experimentUserSums.experiment, key));
    expect(row).toMatchObject({ userKey: user, variant: 1, requests: 2, preRatingN: 2, preRatingSum: 6 });
    expect(row).toMatchObject({ ratingN: 1, ratingSum: 5 });
  });
});
