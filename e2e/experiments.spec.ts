import type { Locator, Page } from "@playwright/test";
import { accounts, asSecondPerson, expect, signIn, stopLeftoverExperiments, test } from "./fixtures";

/** The worker replays recent production questions through the candidate and through production. */
const REPLAY_TIMEOUT = 90_000;
/** The worker audits a new release at once: a few cases (E2E_AUDIT_CASES) and their variants. */
const AUDIT_TIMEOUT = 90_000;
/** Distinct partner users sent through the experiment: enough that a 50/50 split leaves neither arm empty. */
const USERS = 30;

/** A partner key with the `advice` scope only (the Partners page is an admin's). */
async function createAdviceKey(admin: Page, stamp: number): Promise<string> {
  await admin.goto("/console/partners");
  await admin.getByLabel("Partner name").fill(`Experiment e2e ${stamp}`);
  await admin.getByLabel("advice", { exact: true }).setChecked(true);
  await admin.getByRole("button", { name: "Create key" }).click();
  return ((await admin.getByTestId("new-key-value").textContent()) ?? "").trim();
}

const numberIn = async (within: Locator, testId: string) =>
  Number(((await within.getByTestId(testId).textContent()) ?? "").replaceAll(",", ""));

test("an ML engineer runs an experiment between two releases from the console, reads its results and charts, and the winner is shipped through the release gates", async ({
  page,
  browser,
  request,
  consoleErrors,
}) => {
  test.setTimeout(REPLAY_TIMEOUT + AUDIT_TIMEOUT + 150_000);
  const stamp = Date.now();
  const key = `e2e-${stamp}`;
  // Release versions are global in the instance's database, which later runs reuse.
  const version = `${stamp % 1_000_000_000}.1.0`;

  const admin = await asSecondPerson(browser, accounts.admin);
  const partnerKey = await createAdviceKey(admin, stamp);

  await signIn(page, accounts.ml);
  await stopLeftoverExperiments(page);

  // The treatment: a release bundled from production's parts.
  await page.goto("/console/releases");
  const production = (await page.getByTestId("production-release").textContent())?.trim() ?? "";
  expect(production).toMatch(/^\d+\.\d+\.\d+/);
  await page.getByRole("button", { name: "Create a release" }).click();
  const createRelease = page.getByRole("form", { name: "Create a release" });
  await createRelease.getByLabel("Version", { exact: true }).fill(version);
  await createRelease.getByLabel("Changelog").fill("e2e: the treatment of an experiment");
  await createRelease.getByRole("button", { name: "Create release" }).click();
  await expect(page.getByTestId("release-done")).toContainText(`Created release ${version}.`);

  // The experiment, control first: a coverage outside [0, 1] is refused beside its field.
  await page.goto("/console/experiments");
  await expect(page.getByRole("heading", { name: "Experiments", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Create an experiment" }).click();
  const form = page.getByRole("form", { name: "Create an experiment" });
  await expect(form.getByLabel("Key")).toBeFocused();
  await form.getByLabel("Key").fill(key);
  await form.getByLabel("Hypothesis").fill("The treatment answers as well as production");
  await expect(form.getByLabel("Control release")).toHaveValue(production);
  await form.getByLabel("Variant 1 release").selectOption(version);
  await expect(form.getByLabel("Control weight")).toHaveValue("0.5");
  await expect(form.getByLabel("Variant 1 weight")).toHaveValue("0.5");
  const coverage = form.getByLabel(/^Coverage/);
  await coverage.fill("1.5");
  await form.getByRole("button", { name: "Create experiment" }).click();
  await expect(coverage).toHaveAttribute("aria-invalid", "true");
  await expect(coverage).toHaveAccessibleDescription("must be from 0 to 1");
  // The refusal is the server's answer (400): the browser logs it, as it should.
  consoleErrors.splice(
    0,
    consoleErrors.length,
    ...consoleErrors.filter((error) => !error.includes("status of 400 (Bad Request)")),
  );
  await coverage.fill("1");
  // Submitted from the keyboard.
  await coverage.press("Enter");
  await expect(page.getByTestId("experiment-done")).toHaveText(
    `Created experiment ${key} (draft). Start it when its releases are ready.`,
  );
  const row = page.getByTestId(`experiment-${key}`);
  await expect(row.getByTestId("experiment-status")).toHaveText("draft");
  await expect(row.getByTestId("experiment-variants")).toContainText(`control (${production}) 50 %`);
  await expect(row.getByTestId("experiment-variants")).toContainText(`arm 1 (${version}) 50 %`);

  // Started with a reason.
  await row.getByRole("button", { name: `Start ${key}` }).click();
  const start = page.getByRole("dialog", { name: `Start ${key}` });
  await expect(start.getByLabel("Reason")).toBeFocused();
  await start.getByLabel("Reason").fill("e2e: compare the treatment on partner traffic");
  await start.getByRole("button", { name: "Start experiment" }).click();
  await expect(page.getByTestId("experiment-done")).toHaveText(`Experiment ${key} is running.`);
  await expect(row.getByTestId("experiment-status")).toHaveText("running");

  // Partner traffic, one request per distinct user. The first user's request is repeated until the
  // instance has picked the started experiment up (until then production serves, outside it).
  const ask = (userId: string) =>
    request.post("/api/v1/advice", {
      headers: { authorization: `Bearer ${partnerKey}` },
      data: { query: `Should I borrow $6,000 over 24 months? (${stamp})`, userId },
    });
  const served: { variant: string; release: string }[] = [];
  for (let i = 0; i < USERS; i++) {
    const userId = `${key}-user-${i}`;
    let body: { variant: string; release: string } = { variant: "default", release: "" };
    await expect
      .poll(async () => {
        const response = await ask(userId);
        expect(response.status()).toBe(200);
        body = (await response.json()) as typeof body;
        return body.variant;
      })
      .not.toBe("default");
    served.push(body);
  }
  const perArm = [0, 1].map((arm) => served.filter((s) => s.variant === String(arm)));
  expect(perArm[0]!.every((s) => s.release === production)).toBe(true);
  expect(perArm[1]!.every((s) => s.release === version)).toBe(true);
  expect(perArm[0]!.length).toBeGreaterThan(0);
  expect(perArm[1]!.length).toBeGreaterThan(0);

  // Live results: the page refreshes them while the experiment runs; each arm's users are the ones sent to it.
  const results = page.getByTestId("experiment-results");
  await expect(results.getByRole("heading", { name: `Results of ${key}` })).toBeVisible();
  await expect(results.getByTestId("arm-0").getByTestId("arm-users")).toHaveText(String(perArm[0]!.length));
  await expect(results.getByTestId("arm-1").getByTestId("arm-users")).toHaveText(String(perArm[1]!.length));
  const users = [
    await numberIn(results.getByTestId("arm-0"), "arm-users"),
    await numberIn(results.getByTestId("arm-1"), "arm-users"),
  ];
  expect(users[0]! + users[1]!).toBe(USERS);
  expect(users.every((n) => n > 0)).toBe(true);
  expect(await numberIn(results.getByTestId("arm-1"), "arm-requests")).toBeGreaterThanOrEqual(users[1]!);
  await expect(results.getByTestId("srm")).toHaveAttribute("data-status", /^(ok|warning|alert)$/);
  // Latency has a lift with an interval as soon as both arms have a few requests.
  await expect(results.getByTestId("comparison-latency-1")).toContainText(/[+−]\d+\.\d %/);
  const lift = results.getByTestId("lift-chart");
  await expect(lift).toBeVisible();
  await expect(lift).toHaveAttribute("aria-label", /Latency · arm 1 [+−]\d+\.\d %/);
  await expect(lift.locator(".recharts-bar-rectangle")).not.toHaveCount(0);
  await expect(lift.locator(".recharts-errorBar")).not.toHaveCount(0);
  const exposures = results.getByTestId("exposures-chart");
  await expect(exposures).toBeVisible();
  await expect(exposures).toHaveAttribute(
    "aria-label",
    new RegExp(`\\d{4}-\\d{2}-\\d{2} arm 0 ${perArm[0]!.length}, arm 1 ${perArm[1]!.length}`),
  );
  await expect(exposures.locator(".recharts-bar-rectangle")).toHaveCount(2);
  await expect(results.getByTestId("guardrail-bias_flag_rate-1")).toHaveAttribute("data-breached", "false");

  // The engineer's ship dialog shows the gates before anything can be confirmed: the treatment has
  // no shadow replay yet, and production needs a second person's approval for an ML engineer.
  await results.getByRole("button", { name: "Ship winner…" }).click();
  const ship = page.getByRole("dialog", { name: `Ship a winner of ${key}` });
  await expect(ship.getByLabel("Arm to ship")).toHaveValue("1");
  await expect(ship.getByTestId("gate-artifacts-verified")).toHaveAttribute("data-status", "passed");
  await expect(ship.getByTestId("gate-shadow-replay")).toHaveAttribute("data-status", "pending");
  await expect(ship.getByTestId("blocked-note")).toBeVisible();
  await expect(ship.getByTestId("approval-note")).toContainText("needs a second person's approval");
  await expect(ship.getByRole("button", { name: "Ship arm 1" })).toBeDisabled();
  await page.keyboard.press("Escape");
  await expect(ship).toHaveCount(0);

  // The shadow replay the gate asks for.
  await page.goto("/console/releases");
  const releaseRow = page.getByTestId(`release-${version}`);
  await releaseRow.getByRole("button", { name: `Details of ${version}` }).click();
  const details = page.getByTestId(`details-${version}`);
  await details.getByRole("button", { name: "Request shadow replay" }).click();
  await expect(details.getByTestId("gate-shadow-replay")).toHaveAttribute("data-status", "passed", {
    timeout: REPLAY_TIMEOUT,
  });
  // And its counterfactual fairness audit, queued when the release was created and run by the worker.
  await expect(details.getByTestId("gate-fairness-audit")).toHaveAttribute("data-status", "passed", {
    timeout: AUDIT_TIMEOUT,
  });

  // An admin may move production without an approval: the admin ships the treatment.
  await admin.goto("/console/experiments");
  await admin
    .getByTestId(`experiment-${key}`)
    .getByRole("button", { name: `Results of ${key}` })
    .click();
  await admin.getByTestId("experiment-results").getByRole("button", { name: "Ship winner…" }).click();
  const adminShip = admin.getByRole("dialog", { name: `Ship a winner of ${key}` });
  await adminShip.getByLabel("Arm to ship").selectOption("1");
  await expect(adminShip.getByTestId("ship-production")).toContainText(`Production is on ${production}.`);
  await expect(adminShip.getByTestId("gate-shadow-replay")).toHaveAttribute("data-status", "passed");
  await expect(adminShip.getByTestId("gate-fairness-audit")).toHaveAttribute("data-status", "passed");
  await expect(adminShip.getByTestId("blocked-note")).toHaveCount(0);
  await expect(adminShip.getByTestId("approval-note")).toHaveCount(0);
  await adminShip.getByLabel("Reason").fill("e2e: the treatment holds its own on partner traffic");
  await adminShip.getByRole("button", { name: "Ship arm 1" }).click();
  await expect(admin.getByTestId("experiment-done")).toHaveText(
    `Shipped arm 1: production is ${version} (was ${production}); experiment ${key} is stopped.`,
  );
  await expect(admin.getByTestId(`experiment-${key}`).getByTestId("experiment-status")).toHaveText(
    "stopped (shipped arm 1)",
  );
  await expect(admin.getByTestId("stop-banner")).toContainText(`Shipped arm 1 and stopped by ${accounts.admin}`);
  await admin.context().close();

  // Production moved to the winner, and the experiment's users follow it.
  await page.goto("/console/releases");
  await expect(page.getByTestId("production-release")).toHaveText(version);
  await expect
    .poll(async () => {
      const body = (await (await ask(`${key}-user-0`)).json()) as { variant: string; release: string };
      return `${body.variant} ${body.release}`;
    })
    .toBe(`default ${version}`);
});
