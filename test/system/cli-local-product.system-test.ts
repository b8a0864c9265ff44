import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freePort, runningFile } from "@/server/local-services";
import { verifyPartnerKey } from "@/server/partners";
import { cliWithEnv } from "@/test/cli";
import { shellEnv, startProduct, type WebInstance } from "./processes";

/**
 * The README's partner API example on a product started with `npm start` on embedded defaults:
 * PostgreSQL and Redis on ports chosen at start, and a shell with no DATABASE_URL/REDIS_URL. The
 * CLI finds the running product through the record the supervisor keeps in the data directory.
 */

const root = path.resolve(import.meta.dirname, "../..");
// Its own data directory, kept between runs like e2e's (.data/e2e): the second start skips the corpus.
const dataDir = path.join(root, ".data", "system-cli");
const record = runningFile(dataDir);
const shell = shellEnv(dataDir);
let product: WebInstance;

beforeAll(async () => {
  product = await startProduct("npm-start", await freePort(), dataDir);
});

afterAll(async () => {
  await product?.process.stop("SIGTERM", 30_000);
});

const keyIn = (stdout: string) => /key \(shown once, store it now\): (apfa_\S+)/.exec(stdout)?.[1];

function advice(key: string): Promise<Response> {
  return fetch(`${product.url}/api/v1/advice`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({
      query: "I rent and my card utilization is 85%. Should I borrow $12,000 over 60 months?",
      userId: "acme-42",
    }),
  });
}

it("records where its services listen, readable by the owner only", () => {
  expect(fs.statSync(record).mode & 0o777).toBe(0o600);
  const port = Number(new URL(product.url).port);
  expect(JSON.parse(fs.readFileSync(record, "utf8"))).toEqual({
    pid: product.process.child.pid,
    databaseUrl: expect.stringMatching(/^postgres:\/\/[^@]+@127\.0\.0\.1:\d+\/apfa$/),
    redisUrl: expect.stringMatching(/^redis:\/\/127\.0\.0\.1:\d+$/),
    webUrl: `http://localhost:${port}`,
    port,
    startedAt: expect.any(String),
  });
});

it("lets the CLI create a partner key without DATABASE_URL/REDIS_URL, which the product accepts", async () => {
  const { code, stdout, stderr } = await cliWithEnv(shell, "partner-key", "create", "Acme Bank", "--scopes", "advice");
  expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
  expect(stdout).toContain("for Acme Bank (scopes: advice)");
  const key = keyIn(stdout);
  expect(key).toBeDefined();

  const response = await advice(key!);
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ advice: expect.stringMatching(/\w/), sources: expect.any(Array) });
});

it("leaves DATABASE_URL and REDIS_URL in charge when they are set", async () => {
  // The test run's own database (test/global-setup.ts), not the product's: the key is created there.
  const explicit = { ...shell, DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL };
  const { code, stdout, stderr } = await cliWithEnv(explicit, "partner-key", "create", "Elsewhere Bank");
  expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
  const key = keyIn(stdout)!;
  expect(await verifyPartnerKey(key)).toMatchObject({ name: "Elsewhere Bank" });
  expect((await advice(key)).status).toBe(401);
});

it("removes the record on a clean stop, after which the CLI says no product is running", async () => {
  await product.process.stop("SIGTERM", 30_000);
  expect((await product.process.exited).code).toBe(0);
  expect(fs.existsSync(record)).toBe(false);

  const { code, stdout, stderr } = await cliWithEnv(shell, "partner-key", "list");
  expect({ code, stdout }).toEqual({ code: 1, stdout: "" });
  expect(stderr).toBe(
    "No running APFA found in .data/system-cli: " +
      "start it with `npm start` in another terminal, or set DATABASE_URL and REDIS_URL\n",
  );
});
