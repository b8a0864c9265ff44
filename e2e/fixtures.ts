import { test as base, expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = process.env.APFA_DEMO_PASSWORD ?? "apfa-demo-2026";

export const accounts = {
  borrower: "borrower@apfa.local",
  ml: "ml@apfa.local",
  admin: "admin@apfa.local",
} as const;

/** Every test fails on an unexpected error in the browser console. */
export const test = base.extend<{ consoleErrors: string[] }>({
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
