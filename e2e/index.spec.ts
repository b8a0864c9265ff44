import type { Page } from "@playwright/test";
import { accounts, expect, expectForbidden, signIn, test } from "./fixtures";
import { expectFitsWidth } from "./page-width";

/** Embedding (unchanged, quick), an HNSW build and its validation on the shipped corpus, on two cores. */
const PIPELINE_TIMEOUT = 180_000;
/** A web instance hears the swap at once, loads the version, then acks; the fleet view polls every 3 s. */
const SWAP_TIMEOUT = 60_000;

const panel = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
const short = (version: string) => version.slice(0, 12);

async function openIndexPage(page: Page, account: string = accounts.ml) {
  await signIn(page, account);
  await page.goto("/console/index");
  await expect(page.getByRole("heading", { name: "Index", exact: true })).toBeVisible();
}

async function activeVersion(page: Page): Promise<string> {
  const code = panel(page, "Index versions").getByTestId("active-version").locator("code");
  await expect(code).toHaveAttribute("title", /^[0-9a-f]{64}$/);
  return (await code.getAttribute("title")) ?? "";
}

/** Every live web instance serves `version`, and the fleet view calls it the active one. */
async function expectFleetServes(page: Page, version: string) {
  const live = panel(page, "Fleet").locator('[data-testid="fleet-instance"][data-live="true"]');
  await expect(live.first()).toBeVisible();
  await expect(live.filter({ hasNotText: short(version) })).toHaveCount(0, { timeout: SWAP_TIMEOUT });
  await expect(live.first().getByTestId("serves-active")).toHaveText("active");
}

/** Fits a laptop and a phone window with the form or logs just opened, then goes back to the laptop. */
async function expectFitsScreens(page: Page, what: string) {
  for (const width of [1280, 390, 1280]) {
    await page.setViewportSize({ width, height: 720 });
    await expectFitsWidth(page, what);
  }
}

/** Reason, then Enter: the way the forms are meant to be used from the keyboard. */
async function submitReason(page: Page, formName: string, reason: string) {
  const input = page.getByRole("form", { name: formName, exact: true }).getByLabel("Reason", { exact: true });
  await input.fill(reason);
  await input.press("Enter");
}

// Leaves the shared product instance on the index it started with if the lifecycle test fails midway.
let restoreTo: string | null = null;
test.afterEach(async ({ page }, testInfo) => {
  if (!restoreTo || testInfo.status === testInfo.expectedStatus) return;
  await page.request.post("/api/trpc/index.promote", {
    data: { json: { version: restoreTo, reason: "e2e: restore the index active before a failed run" } },
  });
});

// Promoting an index moves production (a release made from production with that index): that takes an
// admin, or an ML engineer whose release someone else approved (decision 014). The admin does it all here.
test("an admin builds an HNSW index, promotes it, rolls back, and the fleet follows", async ({ page }) => {
  test.setTimeout(PIPELINE_TIMEOUT + 3 * SWAP_TIMEOUT);
  await openIndexPage(page, accounts.admin);
  const versions = panel(page, "Index versions");
  const jobs = panel(page, "Index jobs");

  const original = await activeVersion(page);
  restoreTo = original;
  await expect(versions.getByTestId(`version-${original}`).getByTestId("active-badge")).toBeVisible();
  await expectFleetServes(page, original);

  // Versions are content hashes: an exact build of the unchanged corpus would be the active version again.
  const buildReason = `e2e: HNSW candidate ${Date.now()}`;
  const build = panel(page, "Build");
  await build.getByLabel("HNSW").check();
  await submitReason(page, "Build an index", buildReason);
  await expect(build.getByTestId("queued-build")).toContainText(/Queued embed job \S+/);

  const embedJob = jobs.getByRole("row").filter({ hasText: "embed #" }).filter({ hasText: buildReason });
  await expect(embedJob.getByTestId("job-state")).toHaveText("completed", { timeout: PIPELINE_TIMEOUT });
  await expect(embedJob.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  const buildJob = jobs.getByRole("row").filter({ hasText: "build-index #" }).filter({ hasText: buildReason });
  await expect(buildJob.getByTestId("job-state")).toHaveText("completed", { timeout: PIPELINE_TIMEOUT });
  await buildJob.getByRole("button", { name: "Logs" }).click();
  const logs = jobs.getByTestId("job-logs");
  await expect(logs).toContainText(/built [0-9a-f]{64}/);
  await expectFitsScreens(page, "Index with a job's logs open");
  const candidate = /built ([0-9a-f]{64})/.exec((await logs.textContent()) ?? "")?.[1] ?? "";

  const candidateRow = versions.getByTestId(`version-${candidate}`);
  await expect(candidateRow).toContainText("hnsw");
  await expect(candidateRow.getByTestId("recall")).toHaveText(/^[01]\.\d{3}( at ef \d+)?$/, {
    timeout: PIPELINE_TIMEOUT,
  });
  // ann-benchmarks' ε-recall, stored by the same validation.
  await expect(candidateRow.getByTestId("epsilon-recall")).toHaveText(/^[01]\.\d{3}$/);

  // Opening focuses the reason; Escape cancels and hands focus back to Promote, so Enter reopens it.
  const promoteForm = `Promote ${short(candidate)}`;
  await candidateRow.getByRole("button", { name: "Promote" }).click();
  await expect(page.getByRole("form", { name: promoteForm }).getByLabel("Reason", { exact: true })).toBeFocused();
  await expectFitsScreens(page, "Index with the Promote form open");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("form", { name: promoteForm })).toHaveCount(0);
  await expect(candidateRow.getByRole("button", { name: "Promote" })).toBeFocused();
  await page.keyboard.press("Enter");
  const promoteReason = `e2e: promote the HNSW candidate ${Date.now()}`;
  await submitReason(page, promoteForm, promoteReason);
  await expect(versions.getByText(`Promoted ${short(candidate)}`)).toBeVisible();
  // The reason stays with the version, for whoever wonders later why it serves.
  const candidateHistory = versions.getByTestId(`history-${candidate}`);
  await expect(candidateHistory.getByRole("listitem").first()).toContainText(`Promoted`);
  await expect(candidateHistory.getByRole("listitem").first()).toContainText(`by ${accounts.admin}`);
  await expect(candidateHistory.getByRole("listitem").first()).toContainText(promoteReason);
  await expect(candidateRow.getByTestId("active-badge")).toBeVisible();
  await expect(versions.getByTestId(`version-${original}`).getByTestId("active-badge")).toHaveCount(0);
  await expectFleetServes(page, candidate);

  const rollBack = versions.getByRole("button", { name: "Roll back to previous" });
  await expect(rollBack).toContainText(short(original));
  await rollBack.click();
  await expectFitsScreens(page, "Index with the Roll back form open");
  const rollbackReason = `e2e: back to the exact index ${Date.now()}`;
  await submitReason(page, "Roll back to previous", rollbackReason);
  await expect(versions.getByText(`Rolled back to ${short(original)}`)).toBeVisible();
  const originalHistory = versions.getByTestId(`history-${original}`);
  await expect(originalHistory.getByRole("listitem").first()).toContainText("Rolled back to this version");
  await expect(originalHistory.getByRole("listitem").first()).toContainText(rollbackReason);
  await expect(candidateHistory).toContainText(promoteReason);
  await expect(versions.getByTestId(`version-${original}`).getByTestId("active-badge")).toBeVisible();
  await expect(candidateRow.getByTestId("active-badge")).toHaveCount(0);
  await expectFleetServes(page, original);
  restoreTo = null;
});

test("an index action without a reason is refused before anything is sent", async ({ page }) => {
  await openIndexPage(page);
  const build = panel(page, "Build");
  await build.getByRole("button", { name: "Build", exact: true }).click();
  const message = "Give a reason of at least 3 characters: it is kept in the audit log.";
  await expect(build.getByRole("alert")).toHaveText(message);

  await submitReason(page, "Build an index", "  ok ");
  await expect(build.getByRole("alert")).toHaveText(message);
  await expect(build.getByTestId("queued-build")).toHaveCount(0);
});

test("a borrower cannot open the Index page or call its API", async ({ page, consoleErrors }) => {
  await signIn(page, accounts.borrower);
  await expectForbidden(page, consoleErrors, "/console/index");
  await expect(page.getByRole("region", { name: "Index versions" })).toHaveCount(0);

  const versions = await page.request.get("/api/trpc/index.versions");
  expect(versions.status()).toBe(403);
  const build = await page.request.post("/api/trpc/index.build", {
    data: { json: { kind: "exact", reason: "a borrower tries to build" } },
  });
  expect(build.status()).toBe(403);
});
