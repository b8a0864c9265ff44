import { OPENAI_INSTANCE } from "../playwright.config";
import { accounts, expect, signIn, test } from "./fixtures";

// This instance answers through an OpenAI-compatible server (e2e/support/stand-in-llm.mjs).
test.use({ baseURL: OPENAI_INSTANCE });

test("advice from an OpenAI-compatible server streams in; biased advice is shown with the fairness notice", async ({
  page,
}) => {
  await signIn(page, accounts.borrower);
  await page.getByLabel("Your question").fill("Should I take a 36 month loan? [biased]");
  await page.getByRole("button", { name: "Ask", exact: true }).click();

  const exchange = page.getByTestId("exchange").last();
  await expect(exchange.getByTestId("advice")).toContainText("Because of your age and marital status");
  const notice = exchange.getByTestId("bias-notice");
  await expect(notice).toContainText("flagged by our fairness check");
  await expect(notice).toContainText('conditions on a protected attribute (age: "age")');
  await expect(exchange.getByTestId("source")).toHaveCount(5);
});

test("Stop ends an answer mid-stream and the borrower can ask again", async ({ page }) => {
  await signIn(page, accounts.borrower);
  await page.getByLabel("Your question").fill("Tell me everything about 60 month loans [slow]");
  await page.getByRole("button", { name: "Ask", exact: true }).click();

  const exchange = page.getByTestId("exchange").last();
  await expect(exchange.getByTestId("advice")).toContainText("word2");
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(exchange.getByText("Stopped.")).toBeVisible();
  await expect(exchange.getByTestId("advice")).not.toContainText("word39");
  await expect(page.getByRole("button", { name: "Ask", exact: true })).toBeEnabled();

  await page.getByLabel("Your question").fill("And over 36 months?");
  await page.getByRole("button", { name: "Ask", exact: true }).click();
  await expect(page.getByTestId("exchange").last().getByTestId("advice")).toContainText("most similar past loans");
});
