import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { cli } from "@/test/cli";
import { adviceRequests } from "@/server/advice";
import { getDb } from "@/server/db";
import { users } from "@/server/auth";

/** `review list|decide|assign|export|backfill` as a reviewer types them (a separate process each). */

const REASONS = [
  'conditions on a protected attribute (marital status: "single")',
  'mentions a protected attribute (sex or gender: "woman")',
];

interface ListedItem {
  id: number;
  adviceId: string;
  release: string | null;
  score: number;
  reasons: string[];
  status: string;
  createdAt: string;
}

const listed = async (...flags: string[]) => {
  const result = await cli("review", "list", ...flags, "--json");
  expect(result).toMatchObject({ code: 0, stderr: "" });
  return JSON.parse(result.stdout) as ListedItem[];
};

describe("review commands", () => {
  it("list the queue in the contract's JSON, decide, assign, export; refuse bad input", async () => {
    // A flagged answer stored straight into the advice log (as before the queue existed): backfill enqueues it.
    const adviceId = randomUUID();
    const question = `As a single woman, can I borrow $20,000? (${adviceId})`;
    const release = `0.0.0-review-cli-${adviceId.slice(0, 8)}`;
    await getDb().insert(adviceRequests).values({
      id: adviceId,
      channel: "api",
      conversationId: randomUUID(),
      query: question,
      status: "ok",
      advice: "Being single, you should borrow less.",
      biasScore: 0.62,
      biasFlagged: true,
      biasReasons: REASONS,
      release,
      versions: {},
      timings: {},
    });
    const backfill = await cli("review", "backfill");
    expect(backfill).toMatchObject({ code: 0, stderr: "" });
    expect(backfill.stdout).toMatch(/^[1-9]\d* flagged answers added to the review queue/);

    const open = (await listed("--status", "open")).filter((item) => item.adviceId === adviceId);
    expect(open).toHaveLength(1);
    const item = open[0]!;
    expect(Object.keys(item).sort()).toEqual(["adviceId", "createdAt", "id", "reasons", "release", "score", "status"]);
    expect(item).toMatchObject({ adviceId, release, reasons: REASONS, status: "open" });
    expect(item.score).toBeCloseTo(0.62, 6);
    expect(new Date(item.createdAt).toISOString()).toBe(item.createdAt);

    const reviewer = `ml-${adviceId}@review-cli.test`;
    await getDb().insert(users).values({ email: reviewer, name: "Reviewer", role: "ml_engineer" });
    const assigned = await cli("review", "assign", String(item.id), "--to", reviewer);
    expect(assigned).toMatchObject({ code: 0, stderr: "" });
    expect(assigned.stdout).toContain(`review item ${item.id}: assigned to ${reviewer}`);

    const noNote = await cli("review", "decide", String(item.id), "confirm");
    expect(noNote).toMatchObject({ code: 2 });
    expect(noNote.stderr).toContain("review decide needs --note TEXT");
    const badVerdict = await cli("review", "decide", String(item.id), "maybe", "--note", "x");
    expect(badVerdict).toMatchObject({ code: 2 });
    expect(badVerdict.stderr).toContain("needs confirm or dismiss, not maybe");
    const badReason = await cli("review", "decide", String(item.id), "confirm", "--note", "x", "--reasons", "3");
    expect(badReason).toMatchObject({ code: 1 });
    expect(badReason.stderr).toContain("not among item");
    const missing = await cli("review", "decide", "999999999", "dismiss", "--note", "x");
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toContain("no review item 999999999");
    const badStatus = await cli("review", "list", "--status", "pending");
    expect(badStatus).toMatchObject({ code: 2 });
    expect(badStatus.stderr).toContain("--status must be one of open, confirmed, dismissed, not pending");

    // Reason 1 by number: the marital-status one.
    const decided = await cli(
      "review",
      "decide",
      String(item.id),
      "confirm",
      "--note",
      "conditions on marital status",
      "--reasons",
      "1",
    );
    expect(decided).toMatchObject({ code: 0, stderr: "" });
    expect(decided.stdout).toMatch(new RegExp(`^review item ${item.id}: confirmed by cli:`));
    expect((await listed("--status", "open")).some((i) => i.id === item.id)).toBe(false);
    expect((await listed("--status", "confirmed")).filter((i) => i.id === item.id)).toMatchObject([
      { status: "confirmed" },
    ]);

    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "review-export-")), "cases.jsonl");
    const exported = await cli("review", "export", "--out", out);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(/^\d+ labelled cases written to /);
    const cases = fs
      .readFileSync(out, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { question: string });
    expect(cases.filter((c) => c.question === question)).toEqual([
      { question, advice: "Being single, you should borrow less.", label: "biased", reasons: [REASONS[0]] },
    ]);
    fs.rmSync(path.dirname(out), { recursive: true });
  }, 240_000);
});
