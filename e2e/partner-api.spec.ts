import type { Page } from "@playwright/test";
import { accounts, expect, signIn, test } from "./fixtures";

/** A key with the `advice` scope only. */
async function createKey(page: Page): Promise<string> {
  await page.goto("/console/partners");
  await page.getByLabel("Partner name").fill(`API test ${Date.now()}`);
  await page.getByLabel("advice", { exact: true }).setChecked(true);
  await page.getByRole("button", { name: "Create key" }).click();
  return ((await page.getByTestId("new-key-value").textContent()) ?? "").trim();
}

test("POST /api/v1/advice answers a partner with advice, sources, bias, its release and versions", async ({
  page,
  request,
}) => {
  await signIn(page, accounts.admin);
  const key = await createKey(page);

  const response = await request.post("/api/v1/advice", {
    headers: { authorization: `Bearer ${key}` },
    data: { query: "Homeowner with a mortgage and high income asking about a 36 month loan", userId: "partner-user-1" },
  });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as Record<string, unknown> & {
    sources: { id: string; score: number; text: string }[];
  };
  expect(body).toMatchObject({
    adviceId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    advice: expect.stringContaining("past loans most like your question"),
    bias: { score: 0, flagged: false },
    // The answer's label (server/fairness/labels), added beside the fields partners already read.
    recommendation: expect.stringMatching(/^(proceed|reconsider|decline|none)$/),
    quotedAmounts: expect.any(Array),
    quotedRates: expect.any(Array),
    release: expect.stringMatching(/^\d+\.\d+\.\d+/),
    variant: "default",
    versions: {
      embedder: expect.any(String),
      index: expect.any(String),
      analyzer: expect.any(String),
      prompt: expect.any(String),
      biasPolicy: expect.any(String),
    },
    indexVersion: expect.stringMatching(/^[0-9a-f]{64}$/),
    latencyMs: expect.any(Number),
  });
  expect(body.sources).toHaveLength(5);
  expect(body.sources[0]).toEqual({ id: expect.any(String), score: expect.any(Number), text: expect.any(String) });
});

// 403 for a key without the scope: test/system/access.system-test.ts (such a key can only be a stored one).
test("the partner API names what is wrong: 401 without a key, 400 for a bad body", async ({ page, request }) => {
  const valid = { query: "Should I take a 60 month loan?", userId: "u1" };
  expect((await request.post("/api/v1/advice", { data: valid })).status()).toBe(401);
  expect(
    (
      await request.post("/api/v1/advice", { data: valid, headers: { authorization: "Bearer apfa_00000000_nope" } })
    ).status(),
  ).toBe(401);

  await signIn(page, accounts.admin);
  const key = await createKey(page);
  const bad = await request.post("/api/v1/advice", {
    data: { query: "", userId: 7 },
    headers: { authorization: `Bearer ${key}` },
  });
  expect(bad.status()).toBe(400);
  // A problem document (RFC 9457), naming each field and the request.
  expect(bad.headers()["content-type"]).toBe("application/problem+json");
  const problem = (await bad.json()) as { fieldErrors: Record<string, string[]>; requestId: string };
  expect(problem.fieldErrors).toEqual({ query: [expect.stringContaining("empty")], userId: ["userId must be text"] });
  expect(problem.requestId).toBe(bad.headers()["x-request-id"]);

  const notJson = await request.post("/api/v1/advice", {
    data: "not json",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
  });
  expect(notJson.status()).toBe(400);
});
