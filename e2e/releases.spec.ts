import type { Page } from "@playwright/test";
import { STAND_IN_LLM } from "../playwright.config";
import { accounts, asSecondPerson, expect, signIn, test, createReleaseWithAnalyzer } from "./fixtures";

/** The worker replays recent production questions through the candidate and through production. */
const REPLAY_TIMEOUT = 90_000;
/** The worker audits a new release at once: a few cases (E2E_AUDIT_CASES) and their variants. */
const AUDIT_TIMEOUT = 90_000;

const releaseRow = (page: Page, version: string) => page.getByTestId(`release-${version}`);

test("an ML engineer registers an analyzer, bundles it into a release, reads its gates and shadow replay, promotes it with a reason; an admin rolls it back; the ledger shows both", async ({
  page,
  browser,
}) => {
  test.setTimeout(REPLAY_TIMEOUT + AUDIT_TIMEOUT + 120_000);
  const stamp = Date.now();
  const analyzer = `e2e-openai-${stamp}`;
  // Release versions are global in the instance's database, which later runs reuse.
  const version = `${stamp % 1_000_000_000}.0.0`;

  // Production traffic for the replay to replay: a borrower's question through the chat.
  const borrower = await asSecondPerson(browser, accounts.borrower);
  await borrower.getByLabel("Your question").fill(`Should I borrow $9,000 over 36 months? (${stamp})`);
  await borrower.getByRole("button", { name: "Ask", exact: true }).click();
  await expect(borrower.getByTestId("exchange").last().getByTestId("source")).toHaveCount(5);
  await borrower.context().close();

  // Register an OpenAI-compatible analyzer from the console (the server checks that it answers).
  await signIn(page, accounts.ml);
  await page.goto("/console/models");
  await page.getByRole("button", { name: "Register a version" }).click();
  const register = page.getByRole("form", { name: "Register a version" });
  await expect(register.getByLabel("Kind")).toBeFocused();
  await register.getByLabel("Kind").selectOption("analyzer");
  await register.getByLabel("Name", { exact: true }).fill(analyzer);
  await register.getByLabel("Version", { exact: true }).fill("1.0.0");
  await register.getByLabel("An OpenAI-compatible server").check();
  await register.getByLabel("Base URL").fill(`${STAND_IN_LLM}/v1`);
  await register.getByLabel("Model", { exact: true }).fill("stand-in");
  await register.getByLabel("Changelog").fill("e2e: the stand-in LLM as an analyzer");
  await register.getByRole("button", { name: "Register version" }).click();
  await expect(page.getByText(`Registered ${analyzer}@1.0.0.`)).toBeVisible();
  const card = page.getByTestId(`model-${analyzer}`);
  await card.getByRole("button", { name: `Details of ${analyzer}@1.0.0` }).click();
  await expect(card.getByTestId("version-details")).toContainText(`${STAND_IN_LLM}/v1`);
  await expect(card.getByTestId("version-details")).toContainText("e2e: the stand-in LLM as an analyzer");

  // Bundle it with production's other parts.
  const production = await createReleaseWithAnalyzer(page, {
    version,
    analyzer,
    changelog: "e2e: answers from the stand-in LLM",
  });
  const row = releaseRow(page, version);
  await expect(row.getByTestId("part-analyzer")).toHaveText(`${analyzer}@1.0.0`);

  // Its gates, then its shadow replay, run by the worker.
  await row.getByRole("button", { name: `Details of ${version}` }).click();
  const details = page.getByTestId(`details-${version}`);
  await expect(details.getByTestId("gate-index-validated")).toHaveAttribute("data-status", "passed");
  await expect(details.getByTestId("gate-analyzer-answers")).toHaveAttribute("data-status", "passed");
  await expect(details.getByTestId("gate-shadow-replay")).toHaveAttribute("data-status", "pending");
  await expect(details.getByTestId("gate-shadow-replay")).toContainText("no shadow replay yet");
  await details.getByRole("button", { name: "Request shadow replay" }).click();
  await expect(details.getByText(/Shadow replay #\d+ queued/)).toBeVisible();
  await expect(details.getByTestId("shadow-replay")).toHaveAttribute("data-status", "passed", {
    timeout: REPLAY_TIMEOUT,
  });
  await expect(details.getByTestId("shadow-summary")).toContainText(`release ${production}`);
  await expect(details.getByTestId("shadow-overlap")).toHaveText(/^1\.000 /);
  await expect(details.getByTestId("gate-shadow-replay")).toHaveAttribute("data-status", "passed");
  // Its counterfactual fairness audit, queued when the release was created and run by the worker.
  await expect(details.getByTestId("gate-fairness-audit")).toHaveAttribute("data-status", "passed", {
    timeout: AUDIT_TIMEOUT,
  });
  await expect(details.getByTestId("gate-fairness-audit")).toContainText(/audit \d+: every attribute within/);

  // The promote dialog shows the gates before anything can be confirmed, and explains the approval
  // an ML engineer needs; Escape closes it and gives the keyboard back to Promote.
  const promoteButton = row.getByRole("button", { name: `Promote ${version}` });
  await promoteButton.click();
  const dialog = page.getByRole("dialog", { name: `Promote ${version}` });
  await expect(dialog.getByLabel("Alias")).toHaveValue("production");
  await expect(dialog.getByTestId("gate-artifacts-verified")).toHaveAttribute("data-status", "passed");
  await expect(dialog.getByTestId("gate-shadow-replay")).toHaveAttribute("data-status", "passed");
  await expect(dialog.getByTestId("gate-fairness-audit")).toHaveAttribute("data-status", "passed");
  await expect(dialog.getByTestId("approval-note")).toContainText("needs a second person's approval");
  await expect(dialog.getByRole("button", { name: "Promote to production" })).toBeDisabled();
  await expect(dialog.getByLabel("Reason")).toBeFocused();
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    // Modal: the keyboard never leaves the dialog for the page behind it.
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(promoteButton).toBeFocused();

  // Staging is the team's own: an ML engineer moves it without gates or approval.
  await page.keyboard.press("Enter");
  await dialog.getByLabel("Alias").fill("staging");
  await expect(dialog.getByTestId("approval-note")).toHaveCount(0);
  await dialog.getByLabel("Reason").fill("e2e: try it on staging first");
  await dialog.getByRole("button", { name: "Promote to staging" }).click();
  await expect(page.getByTestId("release-done")).toContainText(`Promoted ${version} to staging`);
  await expect(row.getByTestId("release-aliases")).toHaveText("staging");

  // A second person approves this exact release.
  const admin = await asSecondPerson(browser, accounts.admin);
  await admin.goto("/console/releases");
  await releaseRow(admin, version)
    .getByRole("button", { name: `Details of ${version}` })
    .click();
  const approval = admin.getByRole("form", { name: `Approve ${version}` });
  await approval.getByLabel("Approval note (optional)").fill("e2e: reviewed the replay");
  await approval.getByRole("button", { name: `Approve ${version}` }).click();
  await expect(admin.getByTestId(`details-${version}`).getByTestId("approvals")).toContainText(
    `Approved by ${accounts.admin}`,
  );

  // Now the engineer promotes it, with a reason.
  await page.reload();
  await releaseRow(page, version)
    .getByRole("button", { name: `Promote ${version}` })
    .click();
  await expect(dialog.getByTestId("approval-note")).toHaveText(`Approved by ${accounts.admin}.`);
  const promoteReason = `e2e: the stand-in answers as well as production (${stamp})`;
  await dialog.getByLabel("Reason").fill(promoteReason);
  await dialog.getByRole("button", { name: "Promote to production" }).click();
  await expect(page.getByTestId("release-done")).toContainText(`Promoted ${version} to production (was ${production})`);
  await expect(page.getByTestId("production-release")).toHaveText(version);
  await expect(releaseRow(page, version).getByTestId("release-aliases")).toContainText("production");

  // Rolling back is an admin's: the engineer's page says so, the admin does it, with a reason.
  await expect(page.getByTestId("your-permission")).toContainText("Rollback is for admins.");
  await admin.reload();
  await expect(admin.getByTestId("production-release")).toHaveText(version);
  await admin.getByRole("button", { name: "Roll back…" }).click();
  const rollback = admin.getByRole("dialog", { name: "Roll back production" });
  await expect(rollback.getByLabel("Back to")).toHaveValue(production);
  const rollbackReason = `e2e: back to ${production} (${stamp})`;
  await rollback.getByLabel("Reason").fill(rollbackReason);
  await rollback.getByRole("button", { name: "Roll back" }).click();
  await expect(admin.getByTestId("release-done")).toContainText(
    `Rolled production back to ${production} (was ${version})`,
  );
  await admin.context().close();

  // The ledger's timeline shows both moves, newest first, with who and why.
  await page.reload();
  await expect(page.getByTestId("production-release")).toHaveText(production);
  const entries = page.getByTestId("timeline-entry");
  await expect(entries.nth(0)).toHaveAttribute("data-action", "release.rollback");
  await expect(entries.nth(0)).toContainText(`${production} (was ${version})`);
  await expect(entries.nth(0)).toContainText(`by ${accounts.admin}`);
  await expect(entries.nth(0)).toContainText(rollbackReason);
  await expect(entries.nth(1)).toHaveAttribute("data-action", "release.promote");
  await expect(entries.nth(1)).toContainText(`${version} (was ${production})`);
  await expect(entries.nth(1)).toContainText(`by ${accounts.ml}`);
  await expect(entries.nth(1)).toContainText(promoteReason);

  // "Which release was in production at T?" for a moment between the two moves.
  const promotedAt = new Date((await entries.nth(1).locator("time").getAttribute("datetime")) ?? "");
  const rolledBackAt = new Date((await entries.nth(0).locator("time").getAttribute("datetime")) ?? "");
  const between = new Date(Math.ceil((promotedAt.getTime() + 1) / 1000) * 1000);
  expect(between.getTime()).toBeLessThan(rolledBackAt.getTime());
  const local = new Date(between.getTime() - between.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
  const at = page.getByRole("form", { name: "Production at a time" });
  await at.getByLabel("Which release was in production at").fill(local);
  await at.getByRole("button", { name: "Look up" }).click();
  await expect(at.getByTestId("production-at-release")).toHaveText(version);
});
