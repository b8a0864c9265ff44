import { accounts, expect, signIn, test } from "./fixtures";

test("an admin creates a partner key that works once, then revokes it", async ({ page, request }) => {
  await signIn(page, accounts.admin);
  await page.goto("/console/partners");

  const name = `E2E Partner ${Date.now()}`;
  await page.getByLabel("Partner name").fill(name);
  // The form offers only scopes that something checks.
  await expect(page.getByRole("group", { name: "Scopes" }).getByRole("checkbox")).toHaveCount(1);
  await expect(page.getByLabel("advice", { exact: true })).toBeChecked();
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-key-value").textContent())?.trim() ?? "";
  expect(key).toMatch(/^apfa_[0-9a-f]{8}_/);

  const whoami = await request.get("/api/trpc/partners.whoami", { headers: { authorization: `Bearer ${key}` } });
  expect(whoami.status()).toBe(200);
  const body = (await whoami.json()) as { result: { data: { json: { name: string; scopes: string[] } } } };
  expect(body.result.data.json.name).toBe(name);
  expect(body.result.data.json.scopes).toEqual(["advice"]);

  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row.getByText("active")).toBeVisible();
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row.getByText("revoked")).toBeVisible();

  const afterRevoke = await request.get("/api/trpc/partners.whoami", { headers: { authorization: `Bearer ${key}` } });
  expect(afterRevoke.status()).toBe(401);
});

test("an empty partner name is refused before anything is sent", async ({ page }) => {
  await signIn(page, accounts.admin);
  await page.goto("/console/partners");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Partner name is required.");
});
