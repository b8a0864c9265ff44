import { describe, expect, it } from "vitest";
import { bearerToken } from ".";

describe("bearerToken", () => {
  it.each([
    ["Bearer apfa_0123abcd_secret", "apfa_0123abcd_secret"],
    ["bearer apfa_0123abcd_secret", "apfa_0123abcd_secret"],
    ["Bearer    spaced", "spaced"],
  ])("reads the token from %j", (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each([
    null,
    undefined,
    "",
    "Bearer",
    "Bearer ",
    "Basic dXNlcjpwYXNz",
    "Bearer two tokens",
    "apfa_0123abcd_secret",
  ])("finds no token in %j", (header) => {
    expect(bearerToken(header)).toBeUndefined();
  });
});
