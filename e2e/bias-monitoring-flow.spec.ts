import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Page } from "@playwright/test";
import { STAND_IN_LLM } from "../playwright.config";
import {
  accounts,
  asSecondPerson,
  expect,
  signIn,
  stopLeftoverExperiments,
  test,
  createReleaseWithAnalyzer,
} from "./fixtures";
import type { BackdatedAnswers } from "./support/backdated-answers";

/**
 * A bias regression reaches production and monitoring catches it, end to end: an analyzer that
 * conditions on the borrower's age (the stand-in LLM asked as model "conditions-on-age") is bundled
 * into a release and promoted; a borrower who mentions their age gets advice that blames it; the
 * flagged answer enters the review queue, an ML engineer confirms it, the release's trend shows the
 * day's flag, and the 7-day bias-score rule raises an alert for the release.
 */

const DATA_DIR = ".data/e2e";
const CLEAN = "Of the 5 most similar past loans, 4 were repaid in full; keep your utilization below 30%.";
// A plain mention (0.12): "your age is never a factor" would be a ruled-out mention, scored 0.
const MENTIONS_AGE =
  "Borrowers of every age took loans like this one: of the 5 most similar past loans, 4 were repaid in full.";

/**
 * Two weeks of the release's answers before today, written by the test-only fixture
 * e2e/support/backdated-answers.ts (why a fixture: it explains). The rule compares the 7 days
 * ending today with the 7 before, each needing 20 scored answers. Days 12–8 ago: 20 clean answers
 * (the previous window). Days 5–1 ago: 20 answers, 15 of which mention age without conditioning on
 * it (scored as a mention, not flagged): the 7-day mean rose by about 0.09, just under the rule's
 * 0.1, so before today the rule holds, and today's flagged answer is what crosses it. Days 7, 6 and
 * 13 are left empty so that a UTC midnight during the test moves no answer into the other window.
 */
function history(release: string): BackdatedAnswers {
  const answers: BackdatedAnswers["answers"] = [];
  const question = (daysAgo: number, i: number) =>
    `Should I borrow $8,000 over 36 months? (bias-monitoring history, ${daysAgo} days ago, #${i})`;
  for (let daysAgo = 12; daysAgo >= 8; daysAgo--)
    for (let i = 0; i < 4; i++) answers.push({ daysAgo, question: question(daysAgo, i), advice: CLEAN });
  for (let daysAgo = 5; daysAgo >= 1; daysAgo--)
    for (let i = 0; i < 4; i++)
      answers.push({ daysAgo, question: question(daysAgo, i), advice: i < 3 ? MENTIONS_AGE : CLEAN });
  return { release, answers };
}

/** Runs the fixture beside the running e2e instance; returns the bias score it stored for each answer. */
async function storeHistory(input: BackdatedAnswers): Promise<{ daysAgo: number; score: number }[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", "e2e/support/backdated-answers.ts", JSON.stringify(input)],
    // LOG_LEVEL: info lines would go to stdout, which carries the JSON answer.
    { env: { ...process.env, APFA_DATA_DIR: DATA_DIR, DATABASE_URL: "", REDIS_URL: "", LOG_LEVEL: "warn" } },
  );
  return JSON.parse(stdout) as { daysAgo: number; score: number }[];
}

const mean = (xs: number[]) => xs.reduce((sum, x) => sum + x, 0) / xs.length;
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The release the instance serves now, as GET /api/health reports it. */
async function servedRelease(page: Page): Promise<string | undefined> {
  const health = (await (await page.request.get("/api/health")).json()) as { release?: { version?: string } };
  return health.release?.version;
}

test("a release that conditions on age reaches production: its flagged answer is queued and confirmed by a reviewer, its trend shows the flag, and the bias-score rule raises an alert", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const analyzer = `e2e-age-${stamp}`;
  // Release versions are global in the instance's database, which later runs reuse.
  const version = `${stamp % 1_000_000_000}.2.0`;
  const question = `I'm 67 and retired, with $38,000 a year from my pension. Should I borrow $9,000 over 36 months? (${stamp})`;

  // The ML engineer registers the analyzer (an OpenAI-compatible server) and bundles it into a release.
  await signIn(page, accounts.ml);
  await stopLeftoverExperiments(page);
  await page.goto("/console/models");
  await page.getByRole("button", { name: "Register a version" }).click();
  const register = page.getByRole("form", { name: "Register a version" });
  await register.getByLabel("Kind").selectOption("analyzer");
  await register.getByLabel("Name", { exact: true }).fill(analyzer);
  await register.getByLabel("Version", { exact: true }).fill("1.0.0");
  await register.getByLabel("An OpenAI-compatible server").check();
  await register.getByLabel("Base URL").fill(`${STAND_IN_LLM}/v1`);
  await register.getByLabel("Model", { exact: true }).fill("conditions-on-age");
  await register.getByLabel("Changelog").fill("e2e: a model that conditions on age");
  await register.getByRole("button", { name: "Register version" }).click();
  await expect(page.getByText(`Registered ${analyzer}@1.0.0.`)).toBeVisible();

  const production = await createReleaseWithAnalyzer(page, {
    version,
    analyzer,
    changelog: "e2e: answers from a model that conditions on age",
  });

  // Its history, and the rule's verdict on it before today: no alert for the release.
  const stored = await storeHistory(history(version));
  const previous = stored.filter((a) => a.daysAgo >= 8).map((a) => a.score);
  const current = stored.filter((a) => a.daysAgo <= 5).map((a) => a.score);
  expect(mean(current) - mean(previous), "the history's rise stays under the rule's 0.1").toBeLessThanOrEqual(0.1);
  await page.goto("/console/bias");
  const alerts = page.getByRole("region", { name: "Alerts" });
  await alerts.getByRole("button", { name: "Evaluate now" }).click();
  await expect(alerts.getByTestId("bias-alerts-done")).toContainText("Evaluated the alert rules");
  const releaseAlerts = alerts.getByTestId(/^bias-alert-\d+$/).filter({ hasText: version });
  await expect(releaseAlerts).toHaveCount(0);
  const flagTrend = page.getByTestId("bias-trend-flags");
  await expect(flagTrend).toHaveAttribute("aria-label", new RegExp(`${escaped(version)} 0\\.000`));
  await expect(flagTrend).not.toHaveAttribute("aria-label", new RegExp(`${escaped(version)} 1\\.000`));

  // An admin promotes it past its gates: the shadow replay was never run (it would re-ask earlier
  // runs' questions about age, which this model conditions on) and the audit may still be running.
  // Overriding is an admin's, with a justification the ledger keeps: the path by which a regression
  // the gates would have stopped still reaches production, and monitoring has to catch it.
  const admin = await asSecondPerson(browser, accounts.admin);
  let rolledBack = false;
  try {
    await admin.goto("/console/releases");
    await admin
      .getByTestId(`release-${version}`)
      .getByRole("button", { name: `Promote ${version}` })
      .click();
    const dialog = admin.getByRole("dialog", { name: `Promote ${version}` });
    await expect(dialog.getByTestId("gate-shadow-replay")).toHaveAttribute("data-status", "pending");
    await dialog.getByLabel(/^Override the failing gates? \(.*shadow-replay/).check();
    const justification = `e2e: urgent fix, replay skipped (${stamp})`;
    await dialog.getByLabel("Justification for the override").fill(justification);
    await dialog.getByRole("button", { name: "Override and promote" }).click();
    await expect(admin.getByTestId("release-done")).toContainText(
      `Promoted ${version} to production (was ${production}), overriding shadow-replay`,
    );
    const entries = admin.getByTestId("timeline-entry");
    await expect(entries.nth(0)).toHaveAttribute("data-action", "release.promote");
    await expect(entries.nth(0)).toContainText(justification);
    // Every web instance follows production within seconds.
    await expect.poll(() => servedRelease(admin)).toBe(version);

    // A borrower mentions their age and gets advice that blames it, with the fairness notice.
    const borrower = await asSecondPerson(browser, accounts.borrower);
    await borrower.getByLabel("Your question").fill(question);
    await borrower.getByRole("button", { name: "Ask", exact: true }).click();
    const exchange = borrower.getByTestId("exchange").last();
    await expect(exchange.getByTestId("advice")).toContainText("Because of your age, lenders will see you as riskier");
    // The borrower named their age, and the answer conditions on it (the detector says both).
    await expect(exchange.getByTestId("bias-notice")).toContainText(
      'conditions on a protected attribute the borrower named (age: "age")',
    );
    await borrower.context().close();

    // The ML engineer finds it from the Bias page: one open item for the release.
    await page.reload();
    const review = page.getByRole("region", { name: "Review queue" });
    const precisionRow = review.getByRole("row").filter({ hasText: version });
    await expect(precisionRow.getByRole("cell")).toHaveText([version, "—", "0", "0", "1"]);
    await review.getByRole("link", { name: "open the review queue" }).click();
    await expect(page.getByRole("heading", { name: "Review queue", level: 1 })).toBeVisible();
    await page.getByLabel("Release").fill(version);
    const items = page.getByTestId(/^review-item-\d+$/);
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText(question);
    await expect(items.first()).toContainText("open");

    // … and confirms it: the reason is right, and the note says why.
    await items.first().getByRole("button", { name: "Decide", exact: true }).click();
    const decide = page.getByRole("dialog", { name: /^Review item \d+$/ });
    await expect(decide).toContainText("Because of your age, lenders will see you as riskier");
    const score = Number(/Score (\d(?:\.\d+)?)/.exec((await decide.textContent()) ?? "")?.[1]);
    expect(score, "a flagged answer's score").toBeGreaterThan(0.3);
    await decide.getByLabel('conditions on a protected attribute the borrower named (age: "age")').check();
    const note = `e2e: blames the borrower's age for the verdict (${stamp})`;
    await decide.getByLabel("Note").fill(note);
    await decide.getByRole("button", { name: "Confirm biased" }).click();
    await expect(page.getByTestId("review-message")).toHaveText(/^Item \d+ confirmed\.$/);
    await expect(items).toHaveCount(0);
    await page.getByLabel("Status").selectOption("confirmed");
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText("confirmed");
    await expect(items.first()).toContainText(`${accounts.ml}`);
    await expect(items.first()).toContainText(note);

    // Back on the Bias page: the decision counts towards the detector's precision, the release's
    // day shows the flag (its only answer today, flagged) and its score, and the rule now fires.
    await page.getByRole("link", { name: "Back to Bias & fairness" }).click();
    await expect(precisionRow.getByRole("cell")).toHaveText([version, "100%", "1", "0", "0"]);
    const today = new RegExp(`(\\d{4}-\\d{2}-\\d{2}) ${escaped(version)} 1\\.000`);
    await expect(flagTrend).toHaveAttribute("aria-label", today);
    const day = today.exec((await flagTrend.getAttribute("aria-label")) ?? "")![1];
    await expect(page.getByTestId("bias-trend-score")).toHaveAttribute(
      "aria-label",
      new RegExp(`${day} ${escaped(version)} ${escaped(score.toFixed(3))}`),
    );

    const rise = mean([...current, score]) - mean(previous);
    expect(rise, "today's flagged answer takes the rise over 0.1").toBeGreaterThan(0.1);
    await alerts.getByRole("button", { name: "Evaluate now" }).click();
    // The worker may have evaluated first (it runs every 15 minutes): either way, one alert.
    await expect(releaseAlerts).toHaveCount(1);
    const alert = releaseAlerts.first();
    await expect(alert).toContainText("Bias score rise");
    // The console shows at most 3 decimals ("0.11", "0.107"); the message always 3.
    await expect(alert).toContainText(`${rise.toLocaleString("en-US", { maximumFractionDigits: 3 })} / 0.1`);
    await expect(alert).toContainText(
      `The 7-day mean bias score of ${version} rose from ${mean(previous).toFixed(3)} to ${mean([...current, score]).toFixed(3)}`,
    );

    // Evaluated again, nothing new: the alert is stored once for its window.
    await alerts.getByRole("button", { name: "Evaluate now" }).click();
    await expect(alerts.getByTestId("bias-alerts-done")).toHaveText("Evaluated the alert rules: no new alerts.");
    await expect(releaseAlerts).toHaveCount(1);

    // The on-call engineer acknowledges it with what was done; the admin rolls production back.
    await alert.getByRole("button", { name: "Acknowledge" }).click();
    const ack = page.getByRole("dialog", { name: /^Acknowledge alert \d+$/ });
    await ack.getByLabel("Note").fill(`e2e: ${version} conditions on age; rolled back (${stamp})`);
    await ack.getByRole("button", { name: "Acknowledge" }).click();
    await expect(alerts.getByTestId("bias-alerts-done")).toHaveText(/^Alert \d+ acknowledged\.$/);
    await expect(releaseAlerts).toHaveCount(0);

    await admin.reload();
    await admin.getByRole("button", { name: "Roll back…" }).click();
    const rollback = admin.getByRole("dialog", { name: "Roll back production" });
    await expect(rollback.getByLabel("Back to")).toHaveValue(production);
    await rollback.getByLabel("Reason").fill(`e2e: ${version} conditions on age (${stamp})`);
    await rollback.getByRole("button", { name: "Roll back" }).click();
    await expect(admin.getByTestId("release-done")).toContainText(
      `Rolled production back to ${production} (was ${version})`,
    );
    rolledBack = true;
  } finally {
    // Whatever failed above, the specs after this one need the release they expect in production.
    // `expected` makes this a no-op (a conflict) unless production is still on the release.
    if (!rolledBack) {
      await admin.request.post("/api/trpc/releases.rollback", {
        data: { json: { version: production, expected: version, reason: "e2e: clean-up after a failed run" } },
      });
    }
    await admin.context().close();
  }
});
