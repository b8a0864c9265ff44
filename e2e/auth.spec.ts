import { accounts, DEMO_PASSWORD, expect, signIn, submitSignIn, test } from "./fixtures";

test("a borrower signs in, reaches the advisor and cannot open the console", async ({ page }) => {
  await signIn(page, accounts.borrower);
  await expect(page).toHaveURL(/\/chat$/);
  await expect(page.getByRole("heading", { name: "Loan advisor" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toContainText("Borrower");

  await page.goto("/console/models");
  await expect(page.getByText("Not available for your account")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Console" })).toHaveCount(0);
});

test("an ML engineer signs in to the console and sees every page but Partners", async ({ page }) => {
  await signIn(page, accounts.ml);
  await expect(page).toHaveURL(/\/console\/models$/);
  const nav = page.getByRole("navigation", { name: "Console" });
  for (const name of ["Models", "Experiments", "Bias", "Index", "Jobs"]) {
    await expect(nav.getByRole("link", { name })).toBeVisible();
  }
  await expect(nav.getByRole("link", { name: "Partners" })).toHaveCount(0);
  await expect(page.getByText("No model versions registered yet")).toBeVisible();

  await nav.getByRole("link", { name: "Index" }).click();
  await expect(page.getByTestId("document-count")).toHaveText("39,786");

  await nav.getByRole("link", { name: "Jobs" }).click();
  await expect(page.getByRole("cell", { name: "ingest", exact: true })).toBeVisible();
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
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=(%2F|\/)console/);

  const response = await request.get("/api/trpc/models.list");
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
