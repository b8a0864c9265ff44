import path from "node:path";
import { describe, expect, it } from "vitest";
import { cliWithEnv } from "@/test/cli";
import { tempDir, writeFile } from "@/test/files";

/**
 * `fairness-report` as a user runs it (node --import tsx cli/index.ts), in a shell with no product:
 * no DATABASE_URL/REDIS_URL. The report is pure computation over a CSV file.
 */

function productlessShell(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _database, REDIS_URL: _redis, ...rest } = process.env;
  return { ...rest, APFA_DATA_DIR: tempDir() };
}

const run = (...args: string[]) => cliWithEnv(productlessShell(), "fairness-report", ...args);

const GERMAN_CSV = path.resolve(import.meta.dirname, "../data/german-credit/german-credit.csv");
const ageFlags = ["--group", "age_group", "--privileged", "25+", "--label", "credit", "--favorable", "1"];

// CLI start (tsx compiling the command) is slow on a busy machine; nothing here asserts on time.
describe("fairness-report", { timeout: 120_000 }, () => {
  it("prints the toy case's metrics as a table", async () => {
    // The toy case of issue 13, checked by hand in server/fairness/metrics/group-metrics.test.ts.
    const file = writeFile(
      tempDir(),
      "toy.csv",
      ["group,y,y_hat", "p,1,1", "p,1,1", "p,1,0", "p,0,1", "p,0,0", "u,1,1", "u,1,0", "u,0,0", "u,0,0", "u,0,1"].join(
        "\n",
      ),
    );
    const flags = [
      "--group",
      "group",
      "--privileged",
      "p",
      "--label",
      "y",
      "--prediction",
      "y_hat",
      "--favorable",
      "1",
    ];
    const { code, stdout, stderr } = await run("--csv", file, ...flags);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toMatch(/statistical parity difference \(AIF360, unpriv − priv\)\s+-0\.2000/);
    expect(stdout).toMatch(/disparate impact \(AIF360, unpriv \/ priv\)\s+0\.6667/);
    expect(stdout).toMatch(/equal opportunity difference \(AIF360, TPR unpriv − priv\)\s+-0\.1667/);
    expect(stdout).toMatch(/average odds difference \(AIF360\)\s+-0\.1667/);
    expect(stdout).toMatch(/Theil index \(AIF360, all rows\)\s+0\.2773/);
    expect(stdout).toContain("four-fifths rule (disparate impact < 0.8): FLAGGED");
  });

  it("prints the German credit report as JSON", async () => {
    // With the rule's predictions, computed by hand from awk's counts (group-metrics.test.ts):
    // SPD = 92/149 − 634/851 = −0.127556, DI = 0.828785, EOD −0.097816, AOD −0.095722, Theil 0.197274.
    const { code, stdout, stderr } = await run(
      "--csv",
      GERMAN_CSV,
      ...ageFlags,
      "--prediction",
      "checking_rule",
      "--resamples",
      "300",
      "--json",
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    const report = JSON.parse(stdout) as {
      rows: number;
      metrics: Record<string, { value: number; ci: [number, number] }>;
      fourFifths: { flagged: boolean };
      byGroup: { group: string; count: number }[];
      bootstrap: { resamples: number };
    };
    expect(report.rows).toBe(1000);
    expect(report.bootstrap.resamples).toBe(300);
    expect(report.byGroup.map((g) => [g.group, g.count])).toEqual([
      ["25+", 851],
      ["under25", 149],
    ]);
    expect(report.metrics.statisticalParityDifference!.value).toBeCloseTo(-0.127556, 6);
    expect(report.metrics.disparateImpact!.value).toBeCloseTo(0.828785, 6);
    expect(report.metrics.equalOpportunityDifference!.value).toBeCloseTo(-0.097816, 6);
    expect(report.metrics.averageOddsDifference!.value).toBeCloseTo(-0.095722, 6);
    expect(report.metrics.theilIndex!.value).toBeCloseTo(0.197274, 6);
    expect(report.fourFifths.flagged).toBe(false);
    const [lo, hi] = report.metrics.statisticalParityDifference!.ci;
    expect(lo).toBeLessThan(-0.127556);
    expect(hi).toBeGreaterThan(-0.127556);
  });

  it("exits 1 naming the columns that exist when one is missing", async () => {
    const { code, stdout, stderr } = await run("--csv", GERMAN_CSV, ...ageFlags, "--prediction", "decision");
    expect({ code, stdout }).toEqual({ code: 1, stdout: "" });
    expect(stderr.trim()).toBe(
      "error: no prediction column 'decision'; the CSV's columns are " +
        "'age', 'age_group', 'personal_status', 'sex', 'checking_account', 'credit', 'checking_rule'",
    );
  });

  it("exits 1 for a missing file, and 2 with the usage for a missing flag", async () => {
    const missing = await run("--csv", "/nonexistent/decisions.csv", ...ageFlags, "--prediction", "credit");
    expect(missing).toEqual({ code: 1, stdout: "", stderr: "error: no such file: /nonexistent/decisions.csv\n" });
    const usage = await run("--csv", GERMAN_CSV, ...ageFlags);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("error: --prediction is required");
    expect(usage.stderr).toContain("npm run cli -- fairness-report --csv FILE");
  });
});
