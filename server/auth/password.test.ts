import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

// A real hash whose salt and key the malformed cases below reuse.
const [, , , , salt, hash] = (await hashPassword("pw")).split("$");

describe("password hashing", () => {
  it("verifies the password it hashed, in the self-describing scrypt format", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
  });

  it("salts each hash, so equal passwords do not give equal hashes", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("refuses a wrong password", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(await verifyPassword("correct horse battery stapler", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  describe("a malformed stored hash fails verification instead of throwing", () => {
    it.each([
      { case: "empty", stored: "" },
      { case: "another scheme", stored: `bcrypt$10$${salt}$${hash}` },
      { case: "missing hash", stored: `scrypt$16384$8$1$${salt}$` },
      { case: "truncated hash", stored: `scrypt$16384$8$1$${salt}$AAAA` },
      { case: "N not a number", stored: `scrypt$abc$8$1$${salt}$${hash}` },
      { case: "N not a power of two", stored: `scrypt$3$8$1$${salt}$${hash}` },
      { case: "N over the memory limit", stored: `scrypt$1073741824$8$1$${salt}$${hash}` },
    ])("$case", async ({ stored }) => {
      expect(await verifyPassword("pw", stored)).toBe(false);
    });
  });
});
