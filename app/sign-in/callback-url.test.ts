import { describe, expect, it } from "vitest";
import { safeCallbackUrl, signInUrl } from "./callback-url";

describe("safeCallbackUrl", () => {
  it("keeps a path on this site with its query and fragment", () => {
    expect(safeCallbackUrl("/console/index")).toBe("/console/index");
    expect(safeCallbackUrl("/console/index?tab=versions#fleet")).toBe("/console/index?tab=versions#fleet");
    expect(safeCallbackUrl("/")).toBe("/");
  });

  it.each([
    ["another site", "https://evil.example/console"],
    ["a protocol-relative URL", "//evil.example/console"],
    ["a backslash browsers read as a slash", "/\\evil.example"],
    ["a backslash after the slash pair", "/\\/evil.example"],
    ["a tab the URL parser drops", "/\t/evil.example"],
    ["a newline the URL parser drops", "/\n/evil.example"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path", "console/index"],
    ["nothing", ""],
    ["not text", undefined],
  ])("refuses %s", (_, value) => {
    expect(safeCallbackUrl(value)).toBe("/");
  });
});

describe("signInUrl", () => {
  it("encodes the path to return to", () => {
    expect(signInUrl("/console/index?tab=versions")).toBe("/sign-in?callbackUrl=%2Fconsole%2Findex%3Ftab%3Dversions");
  });

  it("returns to the start page for an unsafe or missing path", () => {
    expect(signInUrl("//evil.example")).toBe("/sign-in?callbackUrl=%2F");
    expect(signInUrl(null)).toBe("/sign-in?callbackUrl=%2F");
  });
});
