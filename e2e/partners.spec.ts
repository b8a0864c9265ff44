import { accounts, expect, signIn, test } from "./fixtures";

test("an admin creates a partner key that works once, then revokes it", async ({ page, request }) => {
  await signIn(page, accounts.admin);
  await page.goto("/console/partners");

  const name = `E2E Partner ${Date.now()}`;
  await page.getByLabel("Partner name").fill(name);
  // The form offers only scopes that something checks.
  await expect(page.getByRole("group", { name: "Scopes" }).getByRole("checkbox")).toHaveCount(2);
  await expect(page.getByLabel("advice", { exact: true })).toBeChecked();
  await expect(page.getByLabel("registry:read", { exact: true })).not.toBeChecked();
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

test("a key with only registry:read reads the registry and releases, and nothing else", async ({ page, request }) => {
  await signIn(page, accounts.admin);
  await page.goto("/console/partners");
  await page.getByLabel("Partner name").fill(`E2E registry reader ${Date.now()}`);
  await page.getByLabel("advice", { exact: true }).setChecked(false);
  await page.getByLabel("registry:read", { exact: true }).setChecked(true);
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-key-value").textContent())?.trim() ?? "";
  const authorization = `Bearer ${key}`;

  const models = await request.get("/api/trpc/registry.models", { headers: { authorization } });
  expect(models.status()).toBe(200);
  const body = (await models.json()) as { result: { data: { json: { name: string; kind: string }[] } } };
  expect(body.result.data.json.map((model) => model.kind)).toContain("analyzer");
  const releases = await request.get("/api/trpc/releases.list", { headers: { authorization } });
  expect(releases.status()).toBe(200);

  // Reading is all it grants: no advice, no changes.
  const advice = await request.post("/api/v1/advice", {
    headers: { authorization },
    data: { query: "Should I take a 36 month loan?", userId: "reader-1" },
  });
  expect(advice.status()).toBe(403);
  const register = await request.post("/api/trpc/registry.setAlias", {
    headers: { authorization, "content-type": "application/json" },
    data: { json: { model: "grounded", alias: "staging", version: "1.0.0" } },
  });
  expect(register.status()).toBe(401);
});
