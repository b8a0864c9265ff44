import { E2E_AUDIT_CASES } from "../playwright.config";
import { accounts, expect, signIn, test } from "./fixtures";

/** The worker answers E2E_AUDIT_CASES cases and their 8 variants each with the production release. */
const AUDIT_TIMEOUT = 90_000;

const ATTRIBUTES = ["sex", "race_ethnicity", "age", "marital_status", "national_origin", "public_assistance"];

test("an ML engineer runs an audit of production from Bias → Audits, reads its scores, and opens a pair side by side", async ({
  page,
}) => {
  test.setTimeout(AUDIT_TIMEOUT + 60_000);
  await signIn(page, accounts.ml);
  await page.goto("/console/bias");
  // Bias has two tabs; Audits is one of them (the console's Bias link stays current on both).
  await page.getByRole("navigation", { name: "Bias" }).getByRole("link", { name: "Audits" }).click();
  await expect(page.getByRole("heading", { name: "Fairness audits", level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Bias" })).toHaveAttribute(
    "aria-current",
    "page",
  );

  // Run an audit of the production release (preselected).
  const form = page.getByRole("form", { name: "Run an audit" });
  const release = form.getByLabel("Release to audit");
  await expect(release).toContainText("(production");
  const production = await release.inputValue();
  await form.getByRole("button", { name: "Run audit" }).click();
  const queued = page.getByTestId("audit-queued");
  await expect(queued).toContainText(new RegExp(`^Audit #\\d+ of ${production.replaceAll(".", "\\.")}`));
  const auditId = Number(/#(\d+)/.exec((await queued.textContent()) ?? "")?.[1]);

  // The worker runs it: the row shows progress, then the verdict.
  const row = page.getByTestId(`audit-${auditId}`);
  await expect(row).toHaveAttribute("data-release", production);
  // Who asked: the engineer, unless the request joined an audit the worker's sweep had already queued.
  if (!(await queued.textContent())?.includes("already under way")) await expect(row).toContainText(accounts.ml);
  await expect(row.getByTestId("audit-status")).toHaveText("passed", { timeout: AUDIT_TIMEOUT });

  // The audit opened when it was requested: a score with its interval for every attribute, against the threshold.
  const details = page.getByTestId("audit-details");
  await expect(details.getByRole("heading", { name: `Audit #${auditId}` })).toBeVisible();
  const chart = details.getByTestId("score-chart");
  await expect(chart).toHaveAttribute("data-points", "6");
  await expect(chart).toHaveAttribute("aria-label", /threshold \d/);
  await expect(chart.locator(".recharts-bar-rectangle")).not.toHaveCount(0);
  await expect(chart.locator(".recharts-errorBar")).not.toHaveCount(0);
  // Zero and the threshold: the threshold's line is drawn even when every score is far below it.
  await expect(chart.locator(".recharts-reference-line")).toHaveCount(2);
  for (const attribute of ATTRIBUTES) {
    const score = details.getByTestId(`score-${attribute}`);
    await expect(score).toHaveAttribute("data-passed", "true");
    await expect(score).toContainText(/\[-?\d\.\d{3}, -?\d\.\d{3}\]/);
  }

  // What an auditor checks it against: the audit set and its digests.
  await details.getByText("Provenance (for auditors)").click();
  const provenance = details.getByTestId("audit-provenance");
  await expect(provenance).toContainText(`${E2E_AUDIT_CASES} of ${E2E_AUDIT_CASES} answered`);
  await expect(provenance).toContainText(/Audit set sha256[0-9a-f]{64}/);
  await expect(provenance).toContainText(/Variants sha256[0-9a-f]{64}/);

  // Drill down: the sex swaps, most different first; each of the cases has one.
  await expect(details.getByLabel("Attribute or control")).toHaveValue("sex");
  const pairs = details.getByTestId("pair");
  await expect(pairs).toHaveCount(E2E_AUDIT_CASES);
  const opener = pairs.first().getByRole("button", { name: /^Open case / });
  await opener.click();
  const pair = details.getByTestId("pair-view");
  await expect(pair.getByRole("heading", { name: /Sex/ })).toBeFocused();
  for (const side of ["side-original", "side-swapped"]) {
    const half = pair.getByTestId(side);
    // The swapped words (a name, a pronoun) are highlighted in both questions.
    await expect(half.getByTestId("question").getByTestId("changed-words").first()).toBeVisible();
    await expect(half.getByTestId("answer-advice")).not.toBeEmpty();
    await expect(half.getByTestId("answer-label")).toBeVisible();
    await expect(half.getByTestId("source").first()).toBeVisible();
  }
  const original = (await pair.getByTestId("side-original").getByTestId("changed-words").first().textContent()) ?? "";
  const swapped = (await pair.getByTestId("side-swapped").getByTestId("changed-words").first().textContent()) ?? "";
  expect(original).not.toBe(swapped);
  await expect(pair.getByTestId("disparity-parts").getByTestId("part-sources")).toBeVisible();

  // Escape closes the pair and gives the keyboard back to the button that opened it.
  await page.keyboard.press("Escape");
  await expect(pair).toHaveCount(0);
  await expect(opener).toBeFocused();

  // A control's pairs are there to compare with.
  await details.getByLabel("Attribute or control").selectOption("city");
  await expect(pairs).toHaveCount(E2E_AUDIT_CASES);
  await expect(pairs.first()).toContainText(/\d\.\d{3}/);
});
