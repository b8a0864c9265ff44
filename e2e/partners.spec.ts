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

  // The row with the key itself, not the one under it that holds its revocation form.
  const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name, exact: true }) });
  await expect(row.getByText("active")).toBeVisible();
  // Like the CLI's `partner-key revoke <id> --reason`, the console asks why, and insists.
  await row.getByRole("button", { name: "Revoke" }).click();
  const form = page.getByRole("form", { name: `Revoke the key for ${name}` });
  const reasonField = form.getByLabel("Reason", { exact: true });
  await expect(reasonField).toBeFocused();
  await form.getByRole("button", { name: "Revoke key" }).click();
  await expect(form.getByRole("alert")).toHaveText(
    "Give a reason of at least 3 characters: it is kept in the audit log.",
  );
  await expect(row.getByText("active")).toBeVisible();
  // The API insists too: a revocation without a reason is refused before anything changes.
  const unexplained = await page.request.post("/api/trpc/partners.revoke", {
    data: { json: { id: "00000000-0000-4000-8000-000000000000" } },
  });
  expect(unexplained.status()).toBe(400);
  const reason = `e2e: ${name} ended the contract`;
  await reasonField.fill(reason);
  await reasonField.press("Enter");
  await expect(row.getByText("revoked")).toBeVisible();
  await expect(form).toHaveCount(0);

  const audit = await page.request.get(
    `/api/trpc/audit.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 50 } }))}`,
  );
  const entries = ((await audit.json()) as { result: { data: { json: Record<string, unknown>[] } } }).result.data.json;
  expect(entries.filter((entry) => entry.reason === reason)).toEqual([
    expect.objectContaining({ actor: accounts.admin, action: "partner_key.revoke", reason }),
  ]);

  const afterRevoke = await request.get("/api/trpc/partners.whoami", { headers: { authorization: `Bearer ${key}` } });
  expect(afterRevoke.status()).toBe(401);
});

test("an empty partner name is refused before anything is sent", async ({ page }) => {
  await signIn(page, accounts.admin);
  await page.goto("/console/partners");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Partner name is required.");
});
