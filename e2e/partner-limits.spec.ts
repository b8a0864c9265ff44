import { accounts, expect, signIn, test } from "./fixtures";

test("an admin gives a key its own rate limit, sees its calls charted, and changes the limit", async ({
  page,
  request,
}) => {
  await signIn(page, accounts.admin);
  await page.goto("/console/partners");

  const name = `E2E Limited ${Date.now()}`;
  await page.getByLabel("Partner name").fill(name);
  await page.getByLabel(/^Own rate limit/).check();
  await page.getByLabel("Rate limit", { exact: true }).fill("1");
  await page.getByLabel("Rate limit: unit").selectOption("h");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-key-value").textContent())?.trim() ?? "";
  const authorization = `Bearer ${key}`;

  const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name, exact: true }) });
  await expect(row.getByTestId("rate-limit")).toHaveText("1/h");

  // One call answered, the next refused with the headers a client needs to back off.
  const ask = () =>
    request.post("/api/v1/advice", {
      headers: { authorization },
      data: { query: "Should I take a 36 month loan for $8,000?", userId: "limits-1" },
    });
  const answered = await ask();
  expect(answered.status()).toBe(200);
  expect(answered.headers()["ratelimit-policy"]).toBe("1;w=3600");
  const refused = await ask();
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(3000);
  expect(refused.headers()["ratelimit-remaining"]).toBe("0");

  // The chart, reached from the keyboard.
  const usage = row.getByRole("button", { name: `Usage of ${name}` });
  await usage.focus();
  await page.keyboard.press("Enter");
  await expect(usage).toHaveAttribute("aria-pressed", "true");
  const panel = page.getByRole("region", { name: `Usage of ${name}` });
  await expect(panel.getByTestId("usage-totals")).toContainText("1 ok · 1 rate limited · 0 errors");
  await expect(panel.getByTestId("usage-chart")).toHaveAttribute("data-buckets", "24");
  await panel.getByRole("button", { name: "Last 7 days" }).click();
  await expect(panel.getByRole("button", { name: "Last 7 days" })).toHaveAttribute("aria-pressed", "true");
  await expect(panel.getByTestId("usage-chart")).toHaveAttribute("data-buckets", "28");

  // Changing the limit asks why, and applies to the key's next call.
  await row.getByRole("button", { name: `Change the rate limit of ${name}` }).click();
  const form = page.getByRole("form", { name: `Rate limit for ${name}` });
  await expect(form.getByLabel("Rate limit", { exact: true })).toBeFocused();
  await form.getByLabel("Rate limit", { exact: true }).fill("0");
  await form.getByLabel("Reason", { exact: true }).fill("e2e: pilot extended");
  await form.getByRole("button", { name: "Save limit" }).click();
  await expect(form.getByRole("alert")).toHaveText("The rate limit must be at least 1 request.");
  await form.getByLabel("Rate limit", { exact: true }).fill("5");
  await form.getByLabel("Rate limit: unit").selectOption("m");
  await form.getByRole("button", { name: "Save limit" }).click();
  await expect(form).toHaveCount(0);
  await expect(row.getByTestId("rate-limit")).toHaveText("5/m");
  const afterChange = await ask();
  expect(afterChange.status()).toBe(200);
  expect(afterChange.headers()["ratelimit-policy"]).toBe("5;w=60");
});

test("a key nobody has called shows an empty chart, not an empty axis", async ({ page }) => {
  await signIn(page, accounts.admin);
  await page.goto("/console/partners");
  const name = `E2E Idle ${Date.now()}`;
  await page.getByLabel("Partner name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name, exact: true }) });
  await expect(row.getByTestId("rate-limit")).toHaveText("60/m (default)");
  await row.getByRole("button", { name: `Usage of ${name}` }).click();
  const panel = page.getByRole("region", { name: `Usage of ${name}` });
  await expect(panel.getByTestId("empty-state")).toContainText(`No calls from ${name} in this range`);
});
