import { OPENAI_INSTANCE } from "../playwright.config";
import { accounts, expect, signIn, test } from "./fixtures";

test('a borrower opens "Why this advice" with the keyboard and reads the past loans\' facts each statement rests on', async ({
  page,
}) => {
  await signIn(page, accounts.borrower);
  // Borrowing 120% of income: beyond what any similar repaid loan borrowed, so the advice asks for a change first.
  const question = `I earn $25,000 and my revolving utilization is 99%. Should I borrow $30,000 over 60 months? (${Date.now()})`;
  await page.getByLabel("Your question").fill(question);
  await page.getByRole("button", { name: "Ask", exact: true }).click();

  const exchange = page.getByTestId("exchange").last();
  const why = exchange.getByTestId("why-this-advice");
  const summary = why.getByText("Why this advice", { exact: true });
  await expect(summary).toBeVisible();
  await expect(why).not.toHaveAttribute("open");
  await summary.focus();
  await page.keyboard.press("Enter");
  await expect(why).toHaveAttribute("open", "");

  // Statement by statement, as the advice says them, with each loan's facts in plain words.
  const reasons = why.getByTestId("reason");
  const advice = (await exchange.getByTestId("advice").textContent()) ?? "";
  await expect(reasons.first()).toContainText("past loans most like your question");
  expect(advice).toContain((await reasons.first().locator("p").first().textContent()) ?? "(none)");
  await expect(reasons.first()).toContainText(/Past loan #\d+: (repaid|charged off)/);
  await expect(why).toContainText(/Past loan #\d+: (loan \d+(\.\d)?% of income|revolving utilization \d+(\.\d)?%)/);
  // Advice to change the plan first is adverse: these are its specific reasons.
  await expect(exchange.getByTestId("advice")).toContainText("before applying");
  await expect(why.getByTestId("adverse-reasons")).toContainText("12 CFR 1002.9");
  await expect(why.getByTestId("adverse-reasons")).toContainText("the specific reasons for this advice");

  // Stored with the request: the history says the same.
  await page.reload();
  const item = page.getByTestId("history").getByRole("listitem").filter({ hasText: question });
  await item.getByText(question).click();
  const stored = item.getByTestId("why-this-advice");
  await stored.getByText("Why this advice", { exact: true }).click();
  await expect(stored).toContainText(/Past loan #\d+: (repaid|charged off)/);
});

test("advice that is not against the plan lists its reasons without calling them adverse", async ({ page }) => {
  await signIn(page, accounts.borrower);
  // A comparison says how the loans fared at each term and takes no position on the plan.
  const question = `Should I take 36 or 60 months for a $12,000 loan on a $60,000 income? (${Date.now()})`;
  await page.getByLabel("Your question").fill(question);
  await page.getByRole("button", { name: "Ask", exact: true }).click();
  const exchange = page.getByTestId("exchange").last();
  await expect(exchange.getByTestId("advice")).toContainText(/ran 36 months/);
  const why = exchange.getByTestId("why-this-advice");
  await why.getByText("Why this advice", { exact: true }).click();
  await expect(why).toContainText(/Past loan #\d+: term (36|60) months; (repaid|charged off)/);
  await expect(why.getByTestId("adverse-reasons")).toHaveCount(0);
});

test.describe("on the OpenAI-compatible instance", () => {
  test.use({ baseURL: OPENAI_INSTANCE });

  test("a reviewer deciding a flagged answer sees the reasons trail the borrower was shown", async ({ page }) => {
    await signIn(page, accounts.borrower);
    const question = `Should I take a 36 month loan? [biased] (${Date.now()})`;
    await page.getByLabel("Your question").fill(question);
    await page.getByRole("button", { name: "Ask", exact: true }).click();
    const exchange = page.getByTestId("exchange").last();
    await expect(exchange.getByTestId("bias-notice")).toBeVisible();
    const why = exchange.getByTestId("why-this-advice");
    await why.getByText("Why this advice", { exact: true }).click();
    // The stand-in's answer states no loan's value: it rests on none, and says so.
    await expect(why.getByTestId("reason").first()).toContainText("Does not rest on a specific past loan's facts.");

    await page.context().clearCookies();
    await signIn(page, accounts.ml);
    await page.goto("/console/bias/review");
    const row = page.locator("tr").filter({ hasText: question });
    await row.getByRole("button", { name: /decide/i }).click();
    const panel = page.getByTestId("review-reasons");
    await expect(panel.getByRole("heading", { name: "Why this advice" })).toBeVisible();
    await expect(panel.getByTestId("reason").first()).toContainText("Because of your age and marital status");
    await expect(panel).toContainText("Does not rest on a specific past loan's facts.");
  });
});
