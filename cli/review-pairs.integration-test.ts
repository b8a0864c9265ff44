import os from "node:os";
import { describe, expect, it } from "vitest";
import { storedAudit } from "@/test/audit-pairs";
import { cli } from "@/test/cli";
import { judgePair } from "@/server/fairness-audits";

/** `review pairs|judge-pair|agreement` as a reviewer types them (a separate process each). */

const operator = `cli:${os.userInfo().username}`;

interface BlindPage {
  auditId: number;
  release: string;
  judged: number;
  total: number;
  pair: { pairId: number; auditId: number; question: string; a: { advice: string }; b: { advice: string } } | null;
}

const ok = async (...args: string[]) => {
  const result = await cli(...args);
  expect(result, args.join(" ")).toMatchObject({ code: 0, stderr: "" });
  return result.stdout;
};

describe("blind review of audit pairs from the CLI", () => {
  it("serves the next pair blinded, takes a judgement once, reveals it, and reports agreement", async () => {
    const audit = await storedAudit([
      { caseIndex: 5, swap: "sex", disparity: 0.5 },
      { caseIndex: 5, swap: "city", disparity: 0.02 },
    ]);
    const page = JSON.parse(await ok("review", "pairs", "--audit", String(audit.auditId), "--json")) as BlindPage;
    expect(page).toMatchObject({ auditId: audit.auditId, release: audit.release, judged: 0, total: 2 });
    expect(Object.keys(page.pair!).sort()).toEqual(["a", "auditId", "b", "pairId", "question"]);
    expect(page.pair!.question).toContain("[withheld]");
    const { pairId } = page.pair!;

    const text = await ok("review", "pairs", "--audit", String(audit.auditId));
    expect(text).toContain(`you have judged 0 of 2 pairs`);
    expect(text).toMatch(new RegExp(`pair ${pairId}\\n  Question:[\\s\\S]+Answer A:[\\s\\S]+Answer B:`));
    expect(text).not.toMatch(/original|swapped|disparity/i);

    // Another reviewer judges the same pair first: the operator does not see it until judging.
    await judgePair({ pairId, verdict: "material", note: "one is discouraged" }, "other@pair-review-cli.test");
    const judged = await ok("review", "judge-pair", String(pairId), "material", "--note", "tone differs");
    expect(judged).toContain(`pair ${pairId} judged material by ${operator}`);
    expect(judged).toMatch(/Answer A was the (original|swapped) persona's, Answer B the (original|swapped) persona's/);
    expect(judged).toContain("the audit's own verdict:");
    expect(judged).toContain(`other@pair-review-cli.test: material — one is discouraged`);
    expect(judged).toContain(`${operator}: material — tone differs`);

    const twice = await cli("review", "judge-pair", String(pairId), "not-material");
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain(`error: you have already judged pair ${pairId}`);

    const next = JSON.parse(await ok("review", "pairs", "--audit", String(audit.auditId), "--json")) as BlindPage;
    expect(next.judged).toBe(1);
    expect(next.pair?.pairId).not.toBe(pairId);

    const report = JSON.parse(await ok("review", "agreement", "--audit", String(audit.auditId), "--json")) as {
      audits: { auditId: number; fleiss: { n: number; percentAgreement: number; kappa: number | null } }[];
      overall: unknown;
    };
    // One pair, both said material: agreement 1, κ undefined (every judgement in one category).
    expect(report.audits).toEqual([
      expect.objectContaining({ auditId: audit.auditId, fleiss: { n: 1, percentAgreement: 1, kappa: null } }),
    ]);
    const summary = await ok("review", "agreement", "--audit", String(audit.auditId));
    expect(summary).toContain(
      `audit ${audit.auditId} (${audit.release}): 2 judgements of 1/2 pairs by 2 reviewers; Fleiss κ —, agreement 100.0%, n 1`,
    );
  }, 240_000); // eight CLI processes, each starting tsx

  it("refuses bad input, naming what is wrong", async () => {
    const noAudit = await cli("review", "pairs");
    expect(noAudit.code).toBe(2);
    expect(noAudit.stderr).toContain("review pairs needs --audit ID");
    const badAudit = await cli("review", "pairs", "--audit", "x");
    expect(badAudit.code).toBe(2);
    expect(badAudit.stderr).toContain("--audit is a positive integer, not x");
    const badVerdict = await cli("review", "judge-pair", "12", "maybe");
    expect(badVerdict.code).toBe(2);
    expect(badVerdict.stderr).toContain("needs material or not-material, not maybe");
    const noPair = await cli("review", "judge-pair", "999999999", "material");
    expect(noPair).toMatchObject({ code: 1, stderr: "error: no audit pair 999999999\n" });
    const unknownAudit = await cli("review", "agreement", "--audit", "999999999");
    expect(unknownAudit).toMatchObject({ code: 1 });
    expect(unknownAudit.stderr).toContain("no fairness audit 999999999");
  }, 180_000);
});
