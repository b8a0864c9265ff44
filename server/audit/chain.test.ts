import { describe, expect, it } from "vitest";
import { canonicalEntry, canonicalJson, entryHash, GENESIS_HASH } from "./chain";

/**
 * The expected strings and hashes below were written out by hand and hashed outside this code
 * (Python's hashlib.sha256 over the UTF-8 bytes), so a change to the serialization or the hash
 * shows up here instead of being checked against itself.
 */

const first = {
  at: new Date("2026-01-02T03:04:05.678Z"),
  actor: "admin@example.com",
  action: "index.promote",
  target: "abc",
  reason: null,
  // Keys out of order, integer-like keys (which a JavaScript object would put first), an undefined
  // value in an object (dropped) and in an array (null), and a non-ASCII string.
  details: { b: "é", a: { "2": [1, "x", undefined], "10": true, gone: undefined } },
  prevHash: GENESIS_HASH,
};
const firstCanonical =
  '["apfa-audit-v1","2026-01-02T03:04:05.678Z","admin@example.com","index.promote","abc",null,' +
  '{"a":{"10":true,"2":[1,"x",null]},"b":"é"},' +
  '"0000000000000000000000000000000000000000000000000000000000000000"]';
const firstHash = "42cffe2cfc86ae604a53c9182c630df9f0b2d0a37cdfd070252936a3ed4ed11f";

describe("audit ledger chain", () => {
  it("serializes an entry canonically: fixed field order, object keys sorted, no whitespace", () => {
    expect(canonicalEntry(first)).toBe(firstCanonical);
  });

  it("hashes the canonical form with sha256", () => {
    expect(entryHash(first)).toBe(firstHash);
  });

  it("chains: the next entry's hash covers the previous entry's hash", () => {
    const second = {
      at: new Date("2026-01-02T03:04:05.679Z"),
      actor: "cli",
      action: "partner_key.revoke",
      target: "k1",
      reason: "leaked",
      details: {},
      prevHash: firstHash,
    };
    expect(entryHash(second)).toBe("7ba82a55a532e7768bdec14fd452bc901743f7c9d5c24c7a48904dd48e1697e4");
    expect(entryHash({ ...second, prevHash: GENESIS_HASH })).not.toBe(entryHash(second));
  });

  it("does not depend on the order details' keys arrive in (jsonb reorders them)", () => {
    const reordered = { ...first, details: { a: { gone: undefined, "10": true, "2": [1, "x", null] }, b: "é" } };
    expect(entryHash(reordered)).toBe(firstHash);
  });

  it("changes with every field of the content", () => {
    const variants = [
      { at: new Date("2026-01-02T03:04:05.677Z") },
      { actor: "someone@example.com" },
      { action: "index.rollback" },
      { target: "abd" },
      { reason: "" },
      { details: { b: "e", a: { "2": [1, "x", null], "10": true } } },
      { prevHash: "f".repeat(64) },
    ];
    for (const variant of variants) expect(entryHash({ ...first, ...variant })).not.toBe(firstHash);
  });

  it("writes values as JSON does, dates through toJSON", () => {
    expect(canonicalJson({ z: [new Date("2026-01-02T00:00:00.000Z"), 1e21, -0, 0.1], y: null })).toBe(
      '{"y":null,"z":["2026-01-02T00:00:00.000Z",1e+21,0,0.1]}',
    );
  });
});
