import { accounts, DEMO_PASSWORD, expect, expectForbidden, signIn, submitSignIn, test } from "./fixtures";

test("a borrower signs in, reaches the advisor and gets 403 from the console", async ({ page, consoleErrors }) => {
  await signIn(page, accounts.borrower);
  await expect(page).toHaveURL(/\/chat$/);
  await expect(page.getByRole("heading", { name: "Loan advisor" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toContainText("Borrower");

  for (const path of ["/console", "/console/models", "/console/partners"]) {
    await expectForbidden(page, consoleErrors, path);
    await expect(page.getByRole("navigation", { name: "Console" })).toHaveCount(0);
  }
});

test("an ML engineer signs in to the console and sees every page but Partners", async ({ page }) => {
  await signIn(page, accounts.ml);
  await expect(page).toHaveURL(/\/console\/models$/);
  const nav = page.getByRole("navigation", { name: "Console" });
  for (const name of ["Models", "Releases", "Experiments", "Bias", "Index", "Jobs"]) {
    await expect(nav.getByRole("link", { name })).toBeVisible();
  }
  await expect(nav.getByRole("link", { name: "Partners" })).toHaveCount(0);
  // The first start registered what the environment configures (here the grounded analyzer).
  await expect(page.getByTestId("model-grounded").getByTestId("version-grounded@1.0.0")).toBeVisible();

  await nav.getByRole("link", { name: "Index" }).click();
  await expect(page.getByTestId("document-count")).toHaveText("39,786");

  await nav.getByRole("link", { name: "Jobs" }).click();
  await expect(page.getByRole("cell", { name: "ingest", exact: true })).toBeVisible();
});

test("an ML engineer gets 200 from the console pages and 403 from Partners, with no key form", async ({
  page,
  consoleErrors,
}) => {
  await signIn(page, accounts.ml);
  expect((await page.goto("/console/models"))?.status()).toBe(200);
  await expectForbidden(page, consoleErrors, "/console/partners");
  await expect(page.getByRole("button", { name: "Create key" })).toHaveCount(0);
  await expect(page.getByLabel("Partner name")).toHaveCount(0);
});

test("an admin signs in and sees Partners", async ({ page }) => {
  await signIn(page, accounts.admin);
  await expect(page).toHaveURL(/\/console\/models$/);
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Partners" }).click();
  await expect(page.getByRole("heading", { name: "Partners" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toContainText("Admin");
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await submitSignIn(page, accounts.admin, "not-the-password");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "That email and password do not match an account.",
  );
  await expect(page).toHaveURL(/\/sign-in/);
  // Only the password is wrong: the email stays for the second try.
  await expect(page.getByLabel("Email")).toHaveValue(accounts.admin);
  await expect(page.getByLabel("Password")).toHaveValue("");
});

test("sign-in takes you to the page you asked for", async ({ page }) => {
  await page.goto("/console/index?tab=versions");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fconsole%2Findex%3Ftab%3Dversions$/);
  await page.getByLabel("Email").fill(accounts.ml);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/console\/index\?tab=versions$/);
  await expect(page.getByRole("heading", { name: "Index", exact: true })).toBeVisible();
});

test("sign-in never sends you to another site", async ({ page }) => {
  for (const callbackUrl of ["https://evil.example/", "//evil.example/", "/\\evil.example/", "/\t/evil.example/"]) {
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await page.getByLabel("Email").fill(accounts.ml);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
    expect(new URL(page.url()).host, callbackUrl).toBe("localhost:3210");
    // Signed in already: the sign-in page itself redirects, and must not leave the site either.
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    expect(new URL(page.url()).host, callbackUrl).toBe("localhost:3210");
    // Off the console first: its polling would meet the ended session with 401s.
    await page.goto("about:blank");
    await page.context().clearCookies();
  }
});

test("sign-in works from the keyboard alone", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.keyboard.type(accounts.ml);
  await page.keyboard.press("Tab");
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/console\/models$/);
});

test("anonymous visitors are sent to sign-in and API calls get 401", async ({ page, request }) => {
  await page.goto("/console/jobs");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fconsole%2Fjobs$/);
  for (const path of ["/console", "/console/partners", "/chat"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(307);
    expect(response.headers().location, path).toBe(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  }

  const response = await request.get("/api/trpc/registry.models");
  expect(response.status()).toBe(401);
  const body = (await response.json()) as { error: { json: { data: { code: string } } } };
  expect(body.error.json.data.code).toBe("UNAUTHORIZED");
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, accounts.borrower);
  await expect(page).toHaveURL(/\/chat$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/chat");
  await expect(page).toHaveURL(/\/sign-in/);
});
