import { describe, expect, it } from "vitest";
import { describeRateLimit, formatRateLimit, parseRateLimit, policyFromInput } from "./rate-limit-policy";

describe("parseRateLimit", () => {
  it.each([
    ["100/m", { points: 100, unit: "m" }],
    ["5/s", { points: 5, unit: "s" }],
    [" 1 / h ", { points: 1, unit: "h" }],
    ["1000000/h", { points: 1_000_000, unit: "h" }],
  ])("reads %j", (text, expected) => {
    expect(parseRateLimit(text)).toEqual(expected);
  });

  it.each([
    ["0/m", "the count is 0"],
    ["1000001/m", "the count is above 1000000"],
    ["1.5/m", "not that form"],
    ["-1/m", "not that form"],
    ["100/d", "not that form"],
    ["100", "not that form"],
    ["100/minute", "not that form"],
    ["", "not that form"],
  ])("refuses %j (%s), saying what a limit looks like", (text, why) => {
    expect(() => parseRateLimit(text)).toThrow(
      `--rate-limit must look like 100/m: a whole number ≥ 1, a slash, then s, m or h (${why}; got "${text}")`,
    );
  });

  it("names what it parses", () => {
    expect(() => parseRateLimit("x", "the limit")).toThrow(/^the limit must look like 100\/m/);
  });
});

describe("rate limit policies", () => {
  it("converts units to seconds and back", () => {
    expect(policyFromInput({ points: 5, unit: "s" })).toEqual({ points: 5, seconds: 1 });
    expect(policyFromInput({ points: 5, unit: "h" })).toEqual({ points: 5, seconds: 3600 });
    expect(formatRateLimit({ points: 60, seconds: 60 })).toBe("60/m");
    expect(formatRateLimit({ points: 7, seconds: 90 })).toBe("7/90s");
  });

  it("says a policy in words", () => {
    expect(describeRateLimit({ points: 1, seconds: 1 })).toBe("1 request per second");
    expect(describeRateLimit({ points: 60, seconds: 60 })).toBe("60 requests per minute");
    expect(describeRateLimit({ points: 2, seconds: 3600 })).toBe("2 requests per hour");
    expect(describeRateLimit({ points: 2, seconds: 90 })).toBe("2 requests per 90 seconds");
  });
});
