import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { enforceRateLimit } from ".";

describe("enforceRateLimit", () => {
  it("lets a partner make `limit` calls a minute, then refuses with rate_limited and a retry delay", async () => {
    const partner = { id: randomUUID(), name: "Rate Test", scopes: [] };
    for (let i = 0; i < 3; i++) await enforceRateLimit(partner, 3);
    await expect(enforceRateLimit(partner, 3)).rejects.toMatchObject({
      code: "rate_limited",
      details: { retryAfterSeconds: expect.any(Number) as number },
    });
    // Another partner has its own window.
    await expect(enforceRateLimit({ ...partner, id: randomUUID() }, 3)).resolves.toMatchObject({
      limit: 3,
      remaining: 2,
    });
  });
});
