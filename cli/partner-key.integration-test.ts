import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { cli } from "@/test/cli";
import { enforceRateLimit, verifyPartnerKey } from "@/server/partners";

/** `partner-key create --rate-limit` and `partner-key set-limit`, run as a user runs them. */

const keyOf = (stdout: string) => /key \(shown once, store it now\): (apfa_\S+)/.exec(stdout)?.[1];

describe("partner-key rate limits", () => {
  it("creates a key with --rate-limit 5/s, stores it and enforces it", async () => {
    const name = `Limited ${randomUUID().slice(0, 8)}`;
    const { code, stdout, stderr } = await cli(
      "partner-key",
      "create",
      name,
      "--scopes",
      "advice",
      "--rate-limit",
      "5/s",
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toContain(`for ${name} (scopes: advice)\nrate limit: 5/s\n`);
    const partner = await verifyPartnerKey(keyOf(stdout)!);
    expect(partner?.rateLimit).toEqual({ points: 5, seconds: 1 });
    // Six calls sent at once (one tick, one connection) land in one window: five admitted, one refused.
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => enforceRateLimit(partner!)));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(5);
    expect(outcomes.find((outcome) => outcome.status === "rejected")).toMatchObject({
      reason: { code: "rate_limited", details: { limit: 5, windowSeconds: 1, retryAfterSeconds: 1 } },
    });
  });

  it("gives a key without --rate-limit the default, and lists each key's limit", async () => {
    const name = `Default ${randomUUID().slice(0, 8)}`;
    const created = await cli("partner-key", "create", name, "--scopes", "advice");
    expect(created.stdout).toContain("rate limit: 60/m (default)\n");
    const id = /created partner key (\S+)/.exec(created.stdout)?.[1];
    const listed = await cli("partner-key", "list");
    expect(listed.stdout).toMatch(
      new RegExp(`${id}  apfa_[0-9a-f]{8}_…  ${name}  \\[advice\\]  60/m \\(default\\)  active`),
    );
  });

  it.each([
    ["100", "not that form"],
    ["0/m", "the count is 0"],
    ["10/d", "not that form"],
    ["1.5/s", "not that form"],
  ])("refuses --rate-limit %s, saying what a limit looks like, and creates nothing", async (value, why) => {
    const name = `Refused ${randomUUID().slice(0, 8)}`;
    const { code, stdout, stderr } = await cli("partner-key", "create", name, "--rate-limit", value);
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toContain(
      `error: --rate-limit must look like 100/m: a whole number ≥ 1, a slash, then s, m or h (${why}; got "${value}")`,
    );
    expect((await cli("partner-key", "list")).stdout).not.toContain(name);
  });

  it("changes a key's limit with set-limit, and back to the default", async () => {
    const created = await cli("partner-key", "create", `Changed ${randomUUID().slice(0, 8)}`, "--scopes", "advice");
    const id = /created partner key (\S+)/.exec(created.stdout)![1]!;
    const key = keyOf(created.stdout)!;

    const set = await cli("partner-key", "set-limit", id, "100/h", "--reason", "nightly batch");
    expect({ code: set.code, stdout: set.stdout, stderr: set.stderr }).toEqual({
      code: 0,
      stdout: `rate limit of ${id}: 100/h\n`,
      stderr: "",
    });
    expect((await verifyPartnerKey(key))?.rateLimit).toEqual({ points: 100, seconds: 3600 });

    expect((await cli("partner-key", "set-limit", id, "default")).stdout).toBe(`rate limit of ${id}: 60/m (default)\n`);
    expect((await verifyPartnerKey(key))?.rateLimit).toBeNull();

    const bad = await cli("partner-key", "set-limit", id, "lots");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`error: the limit must look like 100/m`);
    const unknown = await cli("partner-key", "set-limit", randomUUID(), "5/s");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^error: no partner key with id [0-9a-f-]{36}\n$/);
    const notAnId = await cli("partner-key", "set-limit", "acme", "5/s");
    expect(notAnId.code).toBe(2);
    expect(notAnId.stderr).toContain(`error: the id must be a key's UUID (see partner-key list), not "acme"`);
  });
});
