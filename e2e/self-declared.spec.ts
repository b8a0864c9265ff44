import type { Page } from "@playwright/test";
import { labelAdvice } from "../server/fairness";
import { accounts, expect, signIn, test } from "./fixtures";

/**
 * A borrower states optional attributes in their profile, asks a question, and the ML engineer's
 * Bias page counts that answer in the borrower's group ("Separated", under marital status): one
 * more answer, and one more favorable answer exactly when the advice said to proceed.
 */

/** Favorable and total answers of one group, summed over every release the Bias page shows. */
async function separatedCounts(page: Page): Promise<{ favorable: number; total: number }> {
  await page.goto("/console/bias");
  const section = page.getByRole("region", { name: "Decisions by group" });
  await expect(section.getByText(/^Release |No decisions by group yet/).first()).toBeVisible();
  const cells = await section.getByTestId("group-maritalStatus-separated").getByTestId("counts").allTextContents();
  return cells
    .map((text) => text.split("/").map((part) => Number(part.trim())))
    .reduce((sum, [favorable, total]) => ({ favorable: sum.favorable + favorable!, total: sum.total + total! }), {
      favorable: 0,
      total: 0,
    });
}

test("a borrower's self-declared group counts their answer on the Bias page, and clearing it removes it", async ({
  page,
  browser,
}) => {
  await signIn(page, accounts.borrower);
  await page.getByRole("link", { name: "Your profile" }).click();
  await expect(page.getByRole("heading", { name: "Why we ask, and how it is used" })).toBeVisible();
  await expect(page.getByText("never sent to the advisor")).toBeVisible();

  // Every question is optional and offers "Prefer not to say".
  await page.getByLabel(/^Sex/).selectOption("prefer_not_to_say");
  await page.getByLabel(/^Marital status/).selectOption("separated");
  await expect(page.getByLabel(/^Race/)).toHaveValue("");
  // Saved from the keyboard.
  await page.getByRole("button", { name: "Save" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(/^Marital status/)).toHaveValue("separated");
  await expect(page.getByLabel(/^Sex/)).toHaveValue("prefer_not_to_say");
  await expect(page.getByTestId("self-declared-saved-at")).toBeVisible();

  const ml = await (await browser.newContext()).newPage();
  await signIn(ml, accounts.ml);
  const before = await separatedCounts(ml);

  await page.getByRole("link", { name: "Advisor" }).click();
  await page
    .getByLabel("Your question")
    .fill(`I rent, earn $90,000 a year and want to borrow $9,000 over 36 months. Should I borrow it? (${Date.now()})`);
  await page.getByRole("button", { name: "Ask", exact: true }).click();
  const exchange = page.getByTestId("exchange").last();
  await expect(exchange.getByTestId("feedback")).toBeVisible();
  const advice = (await exchange.getByTestId("advice").textContent()) ?? "";
  const favorable = labelAdvice(advice).recommendation === "proceed" ? 1 : 0;

  await expect
    .poll(() => separatedCounts(ml))
    .toEqual({
      favorable: before.favorable + favorable,
      total: before.total + 1,
    });

  // Clearing the answers takes the borrower out of every group.
  await page.getByRole("link", { name: "Your profile" }).click();
  await page.getByRole("button", { name: "Clear my answers" }).click();
  await expect(page.getByText("Cleared: none of your answers is kept.")).toBeVisible();
  await expect(page.getByLabel(/^Marital status/)).toHaveValue("");
  await expect.poll(() => separatedCounts(ml)).toEqual({ favorable: 0, total: 0 });
  await ml.context().close();
});
