import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { users } from "../auth";
import { getDb } from "../db";
import { clearSelfDeclared, getSelfDeclared, saveSelfDeclared, selfDeclaredInput } from ".";

async function borrower() {
  const [user] = await getDb()
    .insert(users)
    .values({ email: `profile-${randomUUID()}@test.local`, name: "Profile Borrower", role: "borrower" })
    .returning();
  return user!.id;
}

const none = { sex: null, ethnicity: null, race: null, ageBand: null, maritalStatus: null };

it("keeps each borrower's own answers, replaces them on save, and forgets them when cleared", async () => {
  const [me, other] = [await borrower(), await borrower()];
  expect(await getSelfDeclared(me)).toEqual({ ...none, updatedAt: null });

  await saveSelfDeclared(me, { ...none, sex: "female", maritalStatus: "prefer_not_to_say" });
  await saveSelfDeclared(other, { ...none, race: "asian" });
  expect(await getSelfDeclared(me)).toMatchObject({ ...none, sex: "female", maritalStatus: "prefer_not_to_say" });

  // A save replaces every answer: one left out is cleared.
  await saveSelfDeclared(me, { ...none, ageBand: "45_54" });
  expect(await getSelfDeclared(me)).toMatchObject({ ...none, ageBand: "45_54", updatedAt: expect.any(Date) });

  await clearSelfDeclared(me);
  expect(await getSelfDeclared(me)).toEqual({ ...none, updatedAt: null });
  expect(await getSelfDeclared(other)).toMatchObject({ race: "asian" });
});

it("refuses an account that does not exist, and values outside the categories, naming what is wrong", async () => {
  await expect(saveSelfDeclared(randomUUID(), { ...none, sex: "male" })).rejects.toThrow(/does not exist/);
  const parsed = selfDeclaredInput.safeParse({ sex: "robot" });
  expect(parsed.success).toBe(false);
  expect(parsed.error?.issues[0]?.message).toMatch(/^sex must be one of female, male, prefer_not_to_say/);
  expect(selfDeclaredInput.safeParse({ favouriteColour: "blue" }).success).toBe(false);
  expect(selfDeclaredInput.parse({})).toEqual(none);
});
