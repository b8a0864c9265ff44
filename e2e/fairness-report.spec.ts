import path from "node:path";
import type { Page } from "@playwright/test";
import { accounts, expect, signIn, test } from "./fixtures";

/**
 * Bias → Fairness report: an ML engineer uploads the German credit CSV (data/german-credit), picks
 * columns and values from its header, and reads the metrics. The expected values are those
 * computed by hand from awk's counts in server/fairness/metrics/group-metrics.test.ts (age ≥ 25
 * privileged, the checking-account rule as the prediction).
 */

const GERMAN_CSV = path.resolve(import.meta.dirname, "../data/german-credit/german-credit.csv");

async function choose(page: Page, choices: Record<string, string>) {
  const form = page.getByRole("form", { name: "Fairness report" });
  for (const [label, value] of Object.entries(choices)) {
    const control = form.getByLabel(label, { exact: true });
    if ((await control.evaluate((element) => element.tagName)) === "SELECT") await control.selectOption(value);
    else await control.fill(value);
  }
  await form.getByRole("button", { name: "Compute report" }).click();
}

test("an ML engineer uploads German credit and reads the group metrics with intervals", async ({ page }) => {
  await signIn(page, accounts.ml);
  await page.goto("/console/bias");
  await page.getByLabel("CSV file").setInputFiles(GERMAN_CSV);
  await choose(page, {
    "Group column": "age_group",
    "Privileged value": "25+",
    "Label column": "credit",
    "Prediction column": "checking_rule",
    "Favorable value": "1",
  });

  const report = page.getByTestId("fairness-report");
  await expect(report).toContainText("1,000 rows");
  const metric = (key: string) => report.locator(`tr[data-metric="${key}"] [data-testid="value"]`);
  // SPD = 92/149 − 634/851, DI = their ratio, EOD = 63/88 − 498/612, AOD = ½(FPR diff + EOD), Theil 0.197274.
  await expect(metric("statisticalParityDifference")).toHaveText("-0.1276");
  await expect(metric("disparateImpact")).toHaveText("0.8288");
  await expect(metric("equalOpportunityDifference")).toHaveText("-0.0978");
  await expect(metric("averageOddsDifference")).toHaveText("-0.0957");
  await expect(metric("falsePositiveRateDifference")).toHaveText("-0.0936");
  await expect(metric("theilIndex")).toHaveText("0.1973");
  await expect(metric("demographicParityDifference")).toHaveText("0.1276");
  await expect(report.getByTestId("four-fifths")).toContainText("passes");
  // The intervals bracket the value.
  await expect(report.locator('tr[data-metric="statisticalParityDifference"]')).toContainText(
    /\[-0\.\d{4}, -0\.\d{4}\]/,
  );
  await expect(report.locator('tr[data-group="25+"] [data-testid="count"]')).toHaveText("851");
  await expect(report.locator('tr[data-group="under25"] [data-testid="count"]')).toHaveText("149");
  await expect(report.locator('tr[data-group="under25"]')).toContainText("0.6174");
});

test("more than two groups: every other value is unprivileged, and each has its row", async ({ page }) => {
  await signIn(page, accounts.ml);
  await page.goto("/console/bias");
  await page.getByLabel("CSV file").setInputFiles(GERMAN_CSV);
  await choose(page, {
    "Group column": "personal_status",
    "Privileged value": "A93",
    "Label column": "credit",
    "Prediction column": "credit",
    "Favorable value": "1",
  });
  const report = page.getByTestId("fairness-report");
  await expect(report).toContainText("(all other values together): 'A91', 'A92', 'A94'");
  // awk: A91 50, A92 310, A93 548, A94 92 rows; the three unprivileged pooled are 452.
  for (const [group, count] of <[string, string][]>[
    ["A91", "50"],
    ["A92", "310"],
    ["A93", "548"],
    ["A94", "92"],
    ["all unprivileged", "452"],
  ])
    await expect(report.locator(`tr[data-group="${group}"] [data-testid="count"]`)).toHaveText(count);
});

test("a privileged value the file never has is refused, naming the values it has", async ({ page, consoleErrors }) => {
  await signIn(page, accounts.ml);
  await page.goto("/console/bias");
  await page.getByLabel("CSV file").setInputFiles({
    name: "toy.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("group,y,y_hat\np,1,1\np,0,1\nu,1,0\nu,0,0\n"),
  });
  await choose(page, {
    "Group column": "group",
    "Privileged value": "P",
    "Label column": "y",
    "Prediction column": "y_hat",
    "Favorable value": "1",
  });
  await expect(page.getByRole("form", { name: "Fairness report" })).toContainText(
    "the privileged value 'P' never occurs in 'group'; its values are 'p', 'u'",
  );
  // The 400 is the answer under test; Chromium logs it as a failed resource.
  consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((e) => !e.includes("status of 400")));
});

test("a borrower may not upload", async ({ page }) => {
  await signIn(page, accounts.borrower);
  const response = await page.request.post(
    "/api/fairness-report?group=g&privileged=p&label=y&prediction=y&favorable=1",
    {
      data: "g,y\np,1\n",
      headers: { "content-type": "text/csv" },
    },
  );
  expect(response.status()).toBe(403);
});
