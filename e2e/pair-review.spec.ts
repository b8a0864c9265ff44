import type { Browser, Page } from "@playwright/test";
import { accounts, expect, signIn, test } from "./fixtures";

/** The worker answers E2E_AUDIT_CASES cases and their 8 variants each with the production release. */
const AUDIT_TIMEOUT = 90_000;

/** A second person in a browser context of their own. */
async function asSecondPerson(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

const trpcData = async <T>(page: Page, path: string, input?: unknown): Promise<T> => {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await page.request.get(`/api/trpc/${path}${query}`);
  expect(response.status(), path).toBe(200);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
};

/**
 * A fresh audit of production, so that neither reviewer has judged its pairs (the e2e database is
 * kept between runs); a request joins one already queued or running, which is as fresh.
 */
async function freshAudit(page: Page): Promise<number> {
  const releases = await trpcData<{ version: string; aliases: string[] }[]>(page, "releases.list");
  const production = releases.find((release) => release.aliases.includes("production"))!.version;
  const requested = await page.request.post("/api/trpc/fairnessAudits.request", {
    data: { json: { release: production } },
  });
  expect(requested.status()).toBe(200);
  const { auditId } = ((await requested.json()) as { result: { data: { json: { auditId: number } } } }).result.data
    .json;
  await expect
    .poll(async () => (await trpcData<{ status: string }>(page, "fairnessAudits.get", { id: auditId })).status, {
      timeout: AUDIT_TIMEOUT,
      intervals: [1_000],
    })
    .toMatch(/^(passed|failed)$/);
  return auditId;
}

async function openReview(page: Page, auditId: number) {
  await page.goto("/console/bias");
  await page.getByRole("navigation", { name: "Bias" }).getByRole("link", { name: "Blinded pair review" }).click();
  await expect(page.getByRole("heading", { name: "Blinded pair review", level: 1 })).toBeVisible();
  await page.getByLabel("Audit to review").selectOption(String(auditId));
  await expect(
    page.getByTestId("blind-review").getByRole("heading", { name: `Review pairs of audit #${auditId}` }),
  ).toBeVisible();
}

/** The blind view shows nothing that tells which answer came from the swapped persona. */
async function expectBlind(page: Page) {
  const blind = page.getByTestId("blind-pair");
  await expect(blind.getByTestId("answer-a").getByTestId("blind-advice")).not.toBeEmpty();
  await expect(blind.getByTestId("answer-b").getByTestId("blind-advice")).not.toBeEmpty();
  await expect(blind.getByTestId("blind-question").getByTestId("withheld")).not.toHaveCount(0);
  await expect(blind.getByRole("heading", { name: /^Answer [AB]$/ })).toHaveCount(2);
  await expect(blind).not.toContainText(/Original|Swapped|[Dd]isparity|protected|control/);
  await expect(page.getByTestId("judgement")).toHaveCount(0);
}

test("two reviewers judge the same audit pairs blind, each sees the reveal after judging, and their agreement shows", async ({
  page,
  browser,
}) => {
  test.setTimeout(AUDIT_TIMEOUT + 90_000);
  await signIn(page, accounts.ml);
  const auditId = await freshAudit(page);
  const admin = await asSecondPerson(browser, accounts.admin);

  // The ML engineer gets the audit's first pair in the shared order, blinded, and judges it with M.
  await openReview(page, auditId);
  await expect(page.getByTestId("review-progress")).toContainText(/you have judged 0 of 32 pairs/);
  const firstPair = await page.getByTestId("blind-pair").getAttribute("data-pair-id");
  await expectBlind(page);
  await expect(page.getByRole("heading", { name: `Pair #${firstPair}` })).toBeFocused();
  await page.keyboard.press("m");
  const revealed = page.getByTestId("revealed-pair");
  await expect(revealed.getByTestId("reveal-summary")).toContainText(
    /Answer A was the (original|swapped) persona's answer, Answer B the (original|swapped) persona's\. You judged: Material difference/,
  );
  await expect(revealed.getByTestId("judgement")).toHaveCount(1);
  await expect(revealed.getByTestId("revealed-a").getByTestId("question")).toBeVisible();
  await expect(page.getByTestId("review-progress")).toContainText(/you have judged 1 of 32 pairs/);

  // The admin gets the same pair, still blind (the ML engineer's judgement is not shown), and judges it with a note.
  await openReview(admin, auditId);
  await expect(admin.getByTestId("blind-pair")).toHaveAttribute("data-pair-id", firstPair!);
  await expectBlind(admin);
  await admin.getByLabel("Note (optional)").fill("one answer is more discouraging");
  await admin.getByRole("button", { name: "Material difference M", exact: true }).click();
  const adminRevealed = admin.getByTestId("revealed-pair");
  await expect(adminRevealed.getByTestId("judgement")).toHaveCount(2);
  await expect(adminRevealed.locator(`[data-reviewer="${accounts.admin}"]`)).toContainText(
    "one answer is more discouraging",
  );

  // The next pair: the ML engineer says not material (N), the admin material.
  await page.getByRole("button", { name: "Next pair" }).press("Enter");
  const secondPair = await page.getByTestId("blind-pair").getAttribute("data-pair-id");
  expect(secondPair).not.toBe(firstPair);
  await expect(page.getByRole("heading", { name: `Pair #${secondPair}` })).toBeFocused();
  await page.keyboard.press("n");
  await expect(revealed.getByTestId("reveal-summary")).toContainText("You judged: No material difference");
  await admin.getByRole("button", { name: "Next pair" }).click();
  await expect(admin.getByTestId("blind-pair")).toHaveAttribute("data-pair-id", secondPair!);
  await admin.keyboard.press("m");
  await expect(adminRevealed.getByTestId("judgement")).toHaveCount(2);

  // Agreement on the audit: pairs [2 material] and [1, 1]: P̄ = 0.5, P_e = (3/4)² + (1/4)² = 0.625,
  // Fleiss κ = (0.5 − 0.625)/0.375 = −0.333; Cohen: p_o 0.5, p_e 0.5 · 1 + 0.5 · 0 = 0.5, κ 0.
  await admin.reload();
  const row = admin.getByTestId(`agreement-${auditId}`);
  await expect(row.getByTestId("agreement-n")).toHaveText("2");
  await expect(row.getByTestId("percent-agreement")).toHaveText("50.0%");
  await expect(row.getByTestId("fleiss-kappa")).toHaveText("-0.333");
  await expect(row.getByTestId("cohen")).toHaveText(`${accounts.admin} · ${accounts.ml}: κ 0.000, 50.0%, n 2`);
  await expect(admin.getByTestId("agreement-overall")).toBeVisible();
  await admin.context().close();
});
