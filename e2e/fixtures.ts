import path from "node:path";
import { test as base, expect, type Browser, type Page } from "@playwright/test";
import { describeLogErrors, errorLinesSince, markLog, sortErrorLines } from "../test/product-logs";

export const DEMO_PASSWORD = process.env.APFA_DEMO_PASSWORD ?? "apfa-demo-2026";

export const accounts = {
  borrower: "borrower@apfa.local",
  ml: "ml@apfa.local",
  admin: "admin@apfa.local",
} as const;

/** What the product instances of playwright.config.ts log (npm start keeps web and worker output there). */
const PRODUCT_LOGS = [".data/e2e", ".data/e2e-openai"].flatMap((dir) =>
  ["web.log", "worker.log"].map((file) => path.resolve(dir, "logs", file)),
);

/**
 * Every test fails on an unexpected error in the browser console, and on an error line the
 * product's web or worker process logged while it ran, unless the test declared it with
 * `productErrors.expect(/pattern/)` (a failure the test provokes on purpose).
 */
export const test = base.extend<{ consoleErrors: string[]; productErrors: { expect(pattern: RegExp): void } }>({
  productErrors: [
    async ({}, use, testInfo) => {
      const marks = PRODUCT_LOGS.map(markLog);
      const expected: RegExp[] = [];
      await use({ expect: (pattern) => void expected.push(pattern) });
      const lines = marks.flatMap((mark) =>
        errorLinesSince(mark).lines.map((line) => `${path.relative(process.cwd(), mark.file)}: ${line}`),
      );
      const { unexpected, unseen } = sortErrorLines(lines, expected);
      expect(describeLogErrors(testInfo.title, unexpected, unseen), "product logs").toBe("");
    },
    { auto: true },
  ],
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      // The console only says "Failed to load resource"; name the URL so a failure can be acted on.
      page.on("response", (response) => {
        if (response.status() >= 400 && response.request().resourceType() !== "fetch") {
          errors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
        }
      });
      await use(errors);
      expect(errors, "unexpected browser console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export async function submitSignIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Signs in and waits until the session cookie is set and the app has redirected away. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await submitSignIn(page, email, password);
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

/**
 * Opens a page the signed-in user may not see: it must answer 403 with the "not available" page.
 * Chromium reports a 403 document as a failed resource; here that one is the expected answer, so it
 * comes off the list of unexpected errors (anything else stays on it).
 */
export async function expectForbidden(page: Page, consoleErrors: string[], path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `status of ${path}`).toBe(403);
  await expect(page.getByRole("heading", { name: "Not available for your account" })).toBeVisible();
  const url = new URL(path, page.url()).href;
  const expected = (error: string) => error === `403 GET ${url}` || error.includes("status of 403 (Forbidden)");
  consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((error) => !expected(error)));
}

/** A second person in a browser context of their own (an admin who approves, ships or rolls back). */
export async function asSecondPerson(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

/**
 * Experiments an earlier, interrupted run left running would claim users first (their arms, not
 * production, would answer): stop them. `page` is signed in as an ML engineer.
 */
export async function stopLeftoverExperiments(page: Page) {
  const listed = (await (await page.request.get("/api/trpc/experiments.list")).json()) as {
    result: { data: { json: { key: string; status: string }[] } };
  };
  for (const { key } of listed.result.data.json.filter((row) => row.status === "running")) {
    const stopped = await page.request.post("/api/trpc/experiments.stop", {
      data: { json: { key, reason: "e2e: left running by an earlier run" } },
    });
    expect(stopped.status()).toBe(200);
  }
}

/**
 * Creates a release from the Releases page that bundles production's parts with `analyzer`@1.0.0,
 * and returns the production version it was made beside.
 */
export async function createReleaseWithAnalyzer(
  page: Page,
  release: { version: string; analyzer: string; changelog: string },
): Promise<string> {
  await page.goto("/console/releases");
  const production = (await page.getByTestId("production-release").textContent())?.trim() ?? "";
  expect(production).toMatch(/^\d+\.\d+\.\d+/);
  await page.getByRole("button", { name: "Create a release" }).click();
  const create = page.getByRole("form", { name: "Create a release" });
  await create.getByLabel("Version", { exact: true }).fill(release.version);
  await create.getByLabel("Analyzer", { exact: true }).selectOption(`${release.analyzer}@1.0.0`);
  await create.getByLabel("Changelog").fill(release.changelog);
  await create.getByRole("button", { name: "Create release" }).click();
  await expect(page.getByTestId("release-done")).toHaveText(
    `Created release ${release.version}. Check its gates, then promote it.`,
  );
  return production;
}
