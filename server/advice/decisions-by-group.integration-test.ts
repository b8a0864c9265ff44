import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { uniqueReleaseVersion } from "@/test/releases";
import { users } from "../auth";
import { getDb } from "../db";
import { saveSelfDeclared, type SelfDeclared } from "../demographics";
import { storeAdviceRecord } from "./record-writer";
import { decisionsByGroup } from ".";

/**
 * Group metrics over logged decisions, on real PostgreSQL through the real record writer (which
 * labels each answer from its text). The releases are named only here, so other files' rows do
 * not count.
 */

const ADVICE = {
  proceed: "Go ahead and apply.",
  decline: "I would not recommend applying.",
  reconsider: "Pay down your card balances before applying.",
  none: "Of the 5 similar loans, 3 were repaid.",
} as const;

async function borrower(answers: Partial<SelfDeclared> | null) {
  const [user] = await getDb()
    .insert(users)
    .values({ email: `groups-${randomUUID()}@test.local`, name: "Group Borrower", role: "borrower" })
    .returning();
  if (answers) {
    await saveSelfDeclared(user!.id, {
      sex: null,
      ethnicity: null,
      race: null,
      ageBand: null,
      maritalStatus: null,
      ...answers,
    });
  }
  return user!.id;
}

const answer = (userId: string, release: string, kind: keyof typeof ADVICE, status: "ok" | "error" = "ok") =>
  storeAdviceRecord({
    id: randomUUID(),
    channel: "chat",
    userId,
    conversationId: randomUUID(),
    query: "Should I borrow $10,000?",
    status,
    advice: ADVICE[kind],
    release,
    versions: {},
    timings: {},
  });

it("counts favorable answers per release, attribute and group, with disparate impact and the four-fifths flag", async () => {
  const r1 = uniqueReleaseVersion();
  const r2 = uniqueReleaseVersion();
  const u1 = await borrower({ sex: "female", race: "white", ageBand: "25_34" });
  const u2 = await borrower({ sex: "female", race: "asian", ageBand: "25_34" });
  const u3 = await borrower({ sex: "male", race: "white", ageBand: "35_44", ethnicity: "prefer_not_to_say" });
  const u4 = await borrower({ sex: "male", race: "prefer_not_to_say" });
  const undeclared = await borrower(null);

  await Promise.all([
    answer(u1, r1, "proceed"),
    answer(u1, r1, "proceed"),
    answer(u1, r1, "decline"),
    // A failed request is no decision.
    answer(u1, r1, "proceed", "error"),
    answer(u2, r1, "proceed"),
    answer(u2, r1, "reconsider"),
    ...Array.from({ length: 4 }, () => answer(u3, r1, "proceed")),
    answer(u4, r1, "none"),
    // No declared group: counted nowhere.
    answer(undeclared, r1, "proceed"),
    answer(undeclared, r1, "proceed"),
    answer(u2, r2, "proceed"),
  ]);

  const mine = (await decisionsByGroup()).filter((r) => r.release === r1 || r.release === r2);
  const rows = (release: string) =>
    mine
      .find((r) => r.release === release)!
      .attributes.map((a) => ({
        attribute: a.attribute,
        reference: a.reference,
        groups: a.groups.map((g) => [
          g.group,
          g.favorable,
          g.total,
          g.selectionRate,
          g.disparateImpact,
          g.fourFifthsFlag,
        ]),
      }));

  // Worked by hand from the answers above:
  // sex: female = u1 (2 of 3 ok answers proceed) + u2 (1 of 2) = 3/5 = 0.6; male = u3 (4/4) + u4
  //   (0/1) = 4/5 = 0.8, the most favoured; DI female = 0.6 / 0.8 = 0.75 < 0.8, flagged.
  // race: white = u1 + u3 = 6/7; asian = u2 = 1/2; DI asian = 0.5 / (6/7) = 7/12 = 0.58333; u4's
  //   "prefer not to say" is no group.
  // age: 25–34 = u1 + u2 = 3/5 = 0.6; 35–44 = u3 = 4/4 = 1; DI 25–34 = 0.6.
  // ethnicity: only "prefer not to say" (u3), so no groups; marital status: nobody answered.
  expect(rows(r1)).toEqual([
    {
      attribute: "sex",
      reference: "male",
      groups: [
        ["female", 3, 5, 0.6, expect.closeTo(0.75, 10), true],
        ["male", 4, 5, 0.8, 1, false],
      ],
    },
    {
      attribute: "race",
      reference: "white",
      groups: [
        ["asian", 1, 2, 0.5, expect.closeTo(7 / 12, 10), true],
        ["white", 6, 7, expect.closeTo(6 / 7, 10), 1, false],
      ],
    },
    {
      attribute: "ageBand",
      reference: "35_44",
      groups: [
        ["25_34", 3, 5, 0.6, 0.6, true],
        ["35_44", 4, 4, 1, 1, false],
      ],
    },
  ]);
  // One answer in the second release: each attribute has one group, which is its own reference.
  expect(rows(r2)).toEqual([
    { attribute: "sex", reference: "female", groups: [["female", 1, 1, 1, 1, false]] },
    { attribute: "race", reference: "asian", groups: [["asian", 1, 1, 1, 1, false]] },
    { attribute: "ageBand", reference: "25_34", groups: [["25_34", 1, 1, 1, 1, false]] },
  ]);
  expect(mine.find((r) => r.release === r1)!.attributes.find((a) => a.attribute === "race")!.groups[0]!.label).toBe(
    "Asian",
  );
});
