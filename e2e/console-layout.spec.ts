import { accounts, expect, signIn, test } from "./fixtures";
import { expectFitsWidth, waitForData } from "./page-width";

/** Every console page (Partners too: an admin sees them all). */
const PAGES = [
  ["/console/models", "Models"],
  ["/console/releases", "Releases"],
  ["/console/experiments", "Experiments"],
  ["/console/bias", "Bias & fairness"],
  ["/console/bias/audits", "Fairness audits"],
  ["/console/bias/pair-review", "Blinded pair review"],
  ["/console/index", "Index"],
  ["/console/partners", "Partners"],
  ["/console/jobs", "Jobs"],
  ["/console/traces", "Traces"],
] as const;

/** A laptop and a phone. */
const WIDTHS = [1280, 390] as const;

for (const width of WIDTHS) {
  test(`every console page fits a ${width} px window`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await signIn(page, accounts.admin);
    for (const [path, title] of PAGES) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: title, exact: true, level: 1 })).toBeVisible();
      await waitForData(page);
      await expectFitsWidth(page, path);
    }
  });
}

test("the Index page keeps its width while a job's logs are open", async ({ page }) => {
  await signIn(page, accounts.ml);
  // A job of its own to open: re-validating the active version is quick and changes nothing it serves.
  const versions = (await (await page.request.get("/api/trpc/index.versions")).json()) as {
    result: { data: { json: { version: string; active: boolean }[] } };
  };
  const active = versions.result.data.json.find((row) => row.active)?.version ?? "";
  const queued = await page.request.post("/api/trpc/index.validate", {
    data: { json: { version: active, reason: "e2e: a job whose logs the layout test opens" } },
  });
  expect(queued.status()).toBe(200);
  const job = ((await queued.json()) as { result: { data: { json: { queue: string; id: string } } } }).result.data.json;

  await page.goto("/console/index");
  const row = page.getByTestId(`job-${job.queue}-${job.id}`);
  await expect(row.getByTestId("job-state")).toHaveText("completed", { timeout: 60_000 });
  await waitForData(page);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    const logs = row.getByRole("button", { name: "Logs" });
    await logs.click();
    await expect(page.getByTestId("job-logs")).toBeVisible();
    await expectFitsWidth(page, "Index with a job's logs open");
    await logs.click();
    await expect(page.getByTestId("job-logs")).toHaveCount(0);
  }
});
