import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { MAX_GROUPS } from "./accumulator";
import type { ReportColumns } from "./columns";
import { formatReport } from "./format";
import { fairnessReportFromCsv, type StreamOptions } from "./stream";

const GERMAN_CSV = path.resolve(import.meta.dirname, "../../../data/german-credit/german-credit.csv");
const fast = { bootstrap: { resamples: 200, seed: 1, confidence: 0.95 } };
const columns: ReportColumns = { group: "g", privileged: "p", label: "y", prediction: "yhat", favorable: "1" };

/** A CSV given as several chunks, split mid-line, the way a file or an upload arrives. */
function chunks(text: string, size = 7): string[] {
  return Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
}

const report = (text: string, overrides: Partial<ReportColumns> = {}, options: StreamOptions = fast) =>
  fairnessReportFromCsv(chunks(text), { ...columns, ...overrides }, options);

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("bad_request");
  return (error as AppError).message;
}

const TOY = [
  "g,y,yhat",
  ...["p,1,1", "p,1,1", "p,1,0", "p,0,1", "p,0,0", "u,1,1", "u,1,0", "u,0,0", "u,0,0", "u,0,1"],
].join("\n");

describe("fairnessReportFromCsv", () => {
  it("reports the toy case of issue 13 from a chunked CSV", async () => {
    // The values checked by hand in metrics/group-metrics.test.ts.
    const result = await report(TOY);
    expect(result.rows).toBe(10);
    expect(result.groups).toEqual({ privileged: "p", unprivileged: ["u"] });
    expect(result.outcomes).toEqual({ favorable: "1", unfavorable: "0" });
    expect(result.metrics.statisticalParityDifference.value).toBeCloseTo(-0.2, 12);
    expect(result.metrics.disparateImpact.value).toBeCloseTo(0.6667, 4);
    expect(result.metrics.equalOpportunityDifference.value).toBeCloseTo(-0.1667, 4);
    expect(result.metrics.averageOddsDifference.value).toBeCloseTo(-0.1667, 4);
    expect(result.metrics.theilIndex.value).toBeCloseTo(0.2773, 4);
    expect(result.fourFifths).toEqual({ threshold: 0.8, flagged: true });
    const [lo, hi] = result.metrics.statisticalParityDifference.ci!;
    expect(lo).toBeLessThanOrEqual(-0.2);
    expect(hi).toBeGreaterThanOrEqual(-0.2);
    expect(formatReport(result)).toContain("four-fifths rule (disparate impact < 0.8): FLAGGED");
  });

  it("reads the German credit CSV: counts per group as awk counts them", async () => {
    // awk over german.data (metrics/group-metrics.test.ts): age ≥ 25 851 rows, 612 good; the
    // rule selects 634 of them. Under 25: 149 rows, 88 good, 92 selected.
    const result = await fairnessReportFromCsv(
      fs.createReadStream(GERMAN_CSV),
      { group: "age_group", privileged: "25+", label: "credit", prediction: "checking_rule", favorable: "1" },
      fast,
    );
    expect(result.rows).toBe(1000);
    expect(result.outcomes.unfavorable).toBe("2");
    expect(result.byGroup.map((g) => [g.group, g.count, g.baseRate.value, g.selectionRate.value])).toEqual([
      ["25+", 851, 612 / 851, 634 / 851],
      ["under25", 149, 88 / 149, 92 / 149],
    ]);
    expect(result.metrics.statisticalParityDifference.value).toBeCloseTo(-0.127556, 6);
    expect(result.metrics.theilIndex.value).toBeCloseTo(0.197274, 6);
  });

  it("pools every other value as unprivileged and lists each value in the per-group table", async () => {
    // Attribute 9 of german.data: A91 50 rows, A92 310, A93 548, A94 92 (awk: count $9).
    const result = await fairnessReportFromCsv(
      fs.createReadStream(GERMAN_CSV),
      { group: "personal_status", privileged: "A93", label: "credit", prediction: "credit", favorable: "1" },
      fast,
    );
    expect(result.groups).toEqual({ privileged: "A93", unprivileged: ["A91", "A92", "A94"] });
    expect(result.byGroup.map((g) => [g.group, g.count, g.privileged])).toEqual([
      ["A91", 50, false],
      ["A92", 310, false],
      ["A93", 548, true],
      ["A94", 92, false],
    ]);
    expect(result.unprivileged.count).toBe(452);
    expect(formatReport(result)).toContain("unprivileged = all other values together ('A91', 'A92', 'A94')");
  });

  it("gives the same report for the same input and seed", async () => {
    expect(await report(TOY)).toEqual(await report(TOY));
  });

  it("names the columns that exist when one is missing", async () => {
    expect(await refusal(report(TOY, { label: "outcome" }))).toBe(
      "no label column 'outcome'; the CSV's columns are 'g', 'y', 'yhat'",
    );
  });

  it("names the values seen when the privileged one never occurs", async () => {
    expect(await refusal(report(TOY, { privileged: "P" }))).toBe(
      "the privileged value 'P' never occurs in 'g'; its values are 'p', 'u'",
    );
  });

  it("refuses a file without rows, and an empty one", async () => {
    expect(await refusal(report("g,y,yhat\n"))).toBe("the CSV has a header but no rows");
    expect(await refusal(report(""))).toBe("the CSV is empty: no header and no rows");
  });

  it("refuses a third outcome value, naming its row and the two allowed", async () => {
    expect(await refusal(report("g,y,yhat\np,1,0\nu,yes,1\n"))).toBe(
      "row 2: y is 'yes', but the label and prediction columns may hold only two outcomes: " +
        "the favorable '1' and '0' (first seen on row 1)",
    );
    expect(await refusal(report("g,y,yhat\np,1,0\n", { unfavorable: "2" }))).toContain(
      "row 1: yhat is '0', but the label and prediction columns may hold only two outcomes: the favorable '1' and '2' (given by --unfavorable)",
    );
    expect(await refusal(report("g,y,yhat\np,1,\n"))).toBe("row 1: yhat is empty (expected '1' or another outcome)");
  });

  it("refuses a group column with only the privileged value", async () => {
    expect(await refusal(report("g,y,yhat\np,1,0\np,0,0\n"))).toBe(
      "every row of 'g' is the privileged 'p': there is no unprivileged group to compare",
    );
  });

  it("refuses a group column that looks like an id", async () => {
    const rows = Array.from({ length: MAX_GROUPS + 1 }, (_, i) => `${i},1,1`);
    expect(await refusal(report(["g,y,yhat", ...rows].join("\n"), { privileged: "0" }))).toContain(
      `the group column 'g' has more than ${MAX_GROUPS} distinct values`,
    );
  });

  it("refuses a malformed CSV with the parser's reason", async () => {
    expect(await refusal(report("g,y,yhat\np,1\n"))).toMatch(/^the CSV cannot be read: Invalid Record Length/);
  });

  it("refuses a source past its byte limit", async () => {
    expect(await refusal(report(TOY, {}, { ...fast, maxBytes: 20 }))).toBe(
      "the CSV is larger than the limit of 20 bytes",
    );
  });

  it("refuses bootstrap settings it cannot honour", async () => {
    const bad = { bootstrap: { resamples: 0, seed: 1, confidence: 0.95 } };
    expect(await refusal(report(TOY, {}, bad))).toBe("resamples must be a whole number from 1 to 100000, not 0");
  });
});
