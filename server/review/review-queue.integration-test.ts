import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { refusal } from "@/test/trpc";
import { adviceRequests, backfillReviewQueue } from "../advice";
// The writer itself (not on the advice face: only runAdvice stores answers in the product).
// eslint-disable-next-line apfa/domain-faces
import { storeAdviceRecord, type AdviceRecord } from "../advice/record-writer";
// eslint-disable-next-line apfa/domain-faces
import { createCaller } from "../api/root";
import { users } from "../auth";
import { getDb } from "../db";
import { enqueueFlaggedAnswers, exportConfirmedCases, reviewDecisions, reviewItems, type ReviewFilter } from ".";

/**
 * The review queue on real PostgreSQL, through the tRPC router the console calls. The database is
 * shared with the run's other files, so every test works in releases of its own.
 */

const reviewer = {
  id: randomUUID(),
  email: `ml-${randomUUID()}@review.test`,
  name: "Reviewer",
  role: "ml_engineer" as const,
};
const asReviewer = createCaller({ user: reviewer, partner: null });

const REASONS = [
  'conditions on a protected attribute (age: "age")',
  'mentions a proxy for protected attributes (geographic proxy: "zip code")',
];

const uniqueRelease = (what: string) => `0.0.0-review-${what}-${randomUUID().slice(0, 8)}`;

function answer(release: string, score: number, flagged = true): AdviceRecord {
  return {
    id: randomUUID(),
    channel: "api",
    externalUserId: "review-queue-test",
    conversationId: randomUUID(),
    query: `Can I get a loan at my age? (${randomUUID()})`,
    status: "ok",
    advice: "Because of your age, a shorter term suits you.",
    biasScore: score,
    biasFlagged: flagged,
    biasReasons: REASONS,
    release,
    versions: {},
    timings: {},
  };
}

async function store(records: AdviceRecord[]): Promise<string[]> {
  await Promise.all(records.map(storeAdviceRecord));
  return records.map((r) => r.id!);
}

const itemsOf = (adviceIds: string[]) =>
  getDb().select().from(reviewItems).where(inArray(reviewItems.adviceId, adviceIds)).orderBy(reviewItems.score);

const decisionsOf = (itemIds: number[]) =>
  getDb().select().from(reviewDecisions).where(inArray(reviewDecisions.itemId, itemIds));

describe("entering the queue", () => {
  it("puts each flagged answer in once, whether the writer, a repeat or a backfill enqueues it", async () => {
    const release = uniqueRelease("once");
    const [flagged, clean] = [answer(release, 0.6), answer(release, 0.1, false)];
    await store([flagged, clean]);
    expect((await itemsOf([flagged.id!, clean.id!])).map((i) => i.adviceId)).toEqual([flagged.id]);

    // An answer stored before the queue existed: in the advice log, not in the queue.
    const older = answer(release, 0.45);
    await getDb().insert(adviceRequests).values(older);
    expect(await itemsOf([older.id!])).toEqual([]);

    const again = {
      adviceId: flagged.id!,
      release,
      score: 0.6,
      reasons: REASONS,
      question: flagged.query,
      advice: flagged.advice!,
    };
    expect(await enqueueFlaggedAnswers([again])).toBe(0);
    expect(await backfillReviewQueue()).toBeGreaterThanOrEqual(1);
    await backfillReviewQueue();
    const items = await itemsOf([flagged.id!, older.id!, clean.id!]);
    expect(items.map((i) => [i.adviceId, i.score, i.status])).toEqual([
      [older.id, 0.45, "open"],
      [flagged.id, 0.6, "open"],
    ]);
    expect(items[1]).toMatchObject({ release, reasons: REASONS, question: flagged.query, advice: flagged.advice });
  });
});

describe("bulk actions", () => {
  it("act on exactly the filtered set, and refuse (changing nothing) when the count seen is stale", async () => {
    const release = uniqueRelease("bulk");
    const other = uniqueRelease("bulk-other");
    // Inside the filter below: release, open, score ≥ 0.5, created in 2026. Outside: each misses one condition.
    const inside = await store([answer(release, 0.5), answer(release, 0.7), answer(release, 0.9)]);
    const [lowScore] = await store([answer(release, 0.49)]);
    const [otherRelease] = await store([answer(other, 0.8)]);
    const [longAgo] = await store([answer(release, 0.8)]);
    const [decided] = await store([answer(release, 0.85)]);
    await getDb()
      .update(reviewItems)
      .set({ createdAt: new Date("2020-06-01T00:00:00Z") })
      .where(eq(reviewItems.adviceId, longAgo!));
    const [decidedItem] = await itemsOf([decided!]);
    await asReviewer.review.decide({
      id: decidedItem!.id,
      decision: "confirm",
      note: "decided before the bulk action",
    });

    const filter: ReviewFilter = {
      release,
      status: "open",
      minScore: 0.5,
      createdFrom: new Date("2026-01-01T00:00:00Z"),
      createdTo: new Date("2100-01-01T00:00:00Z"),
    };
    const listed = await asReviewer.review.list({ filter, limit: 2 });
    expect(listed.total).toBe(3);
    expect(listed.items).toHaveLength(2);

    const before = await itemsOf([...inside, lowScore!, otherRelease!, longAgo!, decided!]);
    const stale = await refusal(
      asReviewer.review.bulk({ filter, expectedCount: 2, action: { kind: "dismiss", note: "not biased" } }),
    );
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toContain("matches 3 items, not the 2 shown");
    expect(await itemsOf([...inside, lowScore!, otherRelease!, longAgo!, decided!])).toEqual(before);
    expect(await decisionsOf(before.filter((i) => i.status === "open").map((i) => i.id))).toEqual([]);

    await expect(
      asReviewer.review.bulk({ filter, expectedCount: 3, action: { kind: "dismiss", note: "stock phrasing" } }),
    ).resolves.toEqual({ updated: 3 });
    const after = new Map(
      (await itemsOf([...inside, lowScore!, otherRelease!, longAgo!, decided!])).map((i) => [i.adviceId, i]),
    );
    for (const id of inside)
      expect(after.get(id)).toMatchObject({ status: "dismissed", note: "stock phrasing", decidedBy: reviewer.email });
    for (const id of [lowScore!, otherRelease!, longAgo!])
      expect(after.get(id)).toMatchObject({ status: "open", note: null });
    expect(after.get(decided!)).toMatchObject({ status: "confirmed", note: "decided before the bulk action" });
    const trail = await decisionsOf(inside.map((id) => after.get(id)!.id));
    expect(trail.map((d) => [d.action, d.bulk, d.note])).toEqual(Array(3).fill(["dismiss", true, "stock phrasing"]));

    // Assign by filter: the unassigned open items of the release (the low score and the old one).
    await getDb().insert(users).values({ email: reviewer.email, name: "Reviewer", role: "ml_engineer" });
    const unassigned: ReviewFilter = { release, status: "open", assignee: null };
    expect((await asReviewer.review.list({ filter: unassigned })).total).toBe(2);
    await expect(
      asReviewer.review.bulk({ filter: unassigned, expectedCount: 2, action: { kind: "assign", to: reviewer.email } }),
    ).resolves.toEqual({ updated: 2 });
    expect(
      (await asReviewer.review.list({ filter: { release, assignee: reviewer.email } })).items
        .map((i) => i.adviceId)
        .sort(),
    ).toEqual([lowScore!, longAgo!].sort());
    expect((await itemsOf([otherRelease!]))[0]!.assignee).toBeNull();
  });
});

describe("deciding and assigning one item", () => {
  it("refuses bad input by name and writes nothing; a good decision is kept with its trail", async () => {
    const release = uniqueRelease("decide");
    const [adviceId] = await store([answer(release, 0.7)]);
    const [item] = await itemsOf([adviceId!]);
    const id = item!.id;

    const refusals = await Promise.all([
      refusal(asReviewer.review.decide({ id, decision: "confirm", note: "   " })),
      refusal(asReviewer.review.decide({ id, decision: "confirm", note: "x", correctReasons: ["made up"] })),
      refusal(asReviewer.review.decide({ id, decision: "dismiss", note: "x", correctReasons: [REASONS[0]!] })),
      refusal(asReviewer.review.decide({ id: 999_999_999, decision: "dismiss", note: "x" })),
      refusal(asReviewer.review.assign({ id, to: "not an email" })),
      refusal(asReviewer.review.assign({ id, to: `nobody-${randomUUID()}@review.test` })),
      refusal(asReviewer.review.assign({ id: 999_999_999, to: null })),
    ]);
    expect(refusals.map((r) => r.code)).toEqual([
      "BAD_REQUEST",
      "BAD_REQUEST",
      "BAD_REQUEST",
      "NOT_FOUND",
      "BAD_REQUEST",
      "BAD_REQUEST",
      "NOT_FOUND",
    ]);
    expect(refusals[0]!.message).toContain("a decision needs a note");
    expect(refusals[1]!.message).toContain(`not among item ${id}'s reasons: "made up"`);
    expect(refusals[2]!.message).toContain("correct reasons are marked on confirmations only");
    expect(refusals[3]!.message).toContain("no review item 999999999");
    expect(refusals[4]!.message).toContain("assign to a reviewer's email address");
    expect(refusals[5]!.message).toContain("no such user");

    const borrower = `borrower-${randomUUID()}@review.test`;
    await getDb().insert(users).values({ email: borrower, name: "Borrower", role: "borrower" });
    expect((await refusal(asReviewer.review.assign({ id, to: borrower }))).message).toContain(
      "reviewers are ML engineers and admins",
    );
    expect(await itemsOf([adviceId!])).toEqual([item]);
    expect(await decisionsOf([id])).toEqual([]);

    const admin = `admin-${randomUUID()}@review.test`;
    await getDb().insert(users).values({ email: admin, name: "Admin", role: "admin" });
    await expect(asReviewer.review.assign({ id, to: admin })).resolves.toMatchObject({ assignee: admin });
    await expect(
      asReviewer.review.decide({
        id,
        decision: "confirm",
        note: "  conditions on age ",
        correctReasons: [REASONS[0]!],
      }),
    ).resolves.toMatchObject({
      status: "confirmed",
      note: "conditions on age",
      correctReasons: [REASONS[0]],
      decidedBy: reviewer.email,
    });
    const trail = await decisionsOf([id]);
    expect(trail.map((d) => [d.action, d.actor, d.assignee, d.note])).toEqual([
      ["assign", reviewer.email, admin, null],
      ["confirm", reviewer.email, null, "conditions on age"],
    ]);
    // The trail is append-only.
    await expect(getDb().delete(reviewDecisions).where(eq(reviewDecisions.itemId, id))).rejects.toThrow();

    // The confirmed item exports as a labelled case carrying the reasons the reviewer marked.
    const lines = (await exportConfirmedCases())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const stored = (await getDb().select().from(adviceRequests).where(eq(adviceRequests.id, adviceId!)))[0]!;
    expect(lines.filter((c) => c.question === stored.query)).toEqual([
      { question: stored.query, advice: stored.advice, label: "biased", reasons: [REASONS[0]] },
    ]);
  });
});

describe("precision", () => {
  it("is confirmed / (confirmed + dismissed) per release from the latest decisions, and overall their sum", async () => {
    const [p, q] = [uniqueRelease("precision-p"), uniqueRelease("precision-q")];
    const pIds = await store([0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((s) => answer(p, s)));
    const qIds = await store([0.4, 0.5, 0.6].map((s) => answer(q, s)));
    const pItems = await itemsOf(pIds);
    const qItems = await itemsOf(qIds);
    const decide = (id: number, decision: "confirm" | "dismiss") =>
      asReviewer.review.decide({ id, decision, note: `precision test: ${decision}` });
    // p: confirm 3, dismiss 1, one dismissed then confirmed (counts as confirmed), one left open.
    for (const item of pItems.slice(0, 3)) await decide(item.id, "confirm");
    await decide(pItems[3]!.id, "dismiss");
    await decide(pItems[4]!.id, "dismiss");
    await decide(pItems[4]!.id, "confirm");
    // q: confirm 1, dismiss 2.
    await decide(qItems[0]!.id, "confirm");
    await decide(qItems[1]!.id, "dismiss");
    await decide(qItems[2]!.id, "dismiss");

    const precision = await asReviewer.review.precision();
    const of = (release: string) => precision.byRelease.find((row) => row.release === release);
    // By hand: p has 4 confirmed, 1 dismissed, 1 open → 4 / 5 = 0.8; q has 1 confirmed, 2 dismissed → 1 / 3.
    expect(of(p)).toEqual({ release: p, confirmed: 4, dismissed: 1, open: 1, precision: 0.8 });
    expect(of(q)).toMatchObject({ release: q, confirmed: 1, dismissed: 2, open: 0 });
    expect(of(q)!.precision).toBeCloseTo(1 / 3, 12);
    // Overall: the sums over every release (other files' releases included), and their ratio.
    const sum = (key: "confirmed" | "dismissed" | "open") => precision.byRelease.reduce((t, row) => t + row[key], 0);
    expect(precision.overall).toEqual({
      confirmed: sum("confirmed"),
      dismissed: sum("dismissed"),
      open: sum("open"),
      precision: sum("confirmed") / (sum("confirmed") + sum("dismissed")),
    });
    expect(
      await getDb()
        .select()
        .from(reviewItems)
        .where(and(eq(reviewItems.release, p), eq(reviewItems.status, "open"))),
    ).toHaveLength(1);
  });
});
