import { describe, expect, it } from "vitest";
import { STATES } from "./lexicon";
import { neutralize } from "./neutralize";

const base = "I earn $48,000, rent, and want $15,000 over 36 months. How much should I borrow?";
const stateNames = Object.keys(STATES).map((name) => name.replace(/\b\w/g, (c) => c.toUpperCase()));
const stateCodes = Object.values(STATES).map((code) => code.toUpperCase());

describe("neutralize", () => {
  it.each([...stateNames, ...stateCodes])("takes out the state in 'I live in %s, …'", (state) => {
    expect(neutralize(`I live in ${state}, ${base}`)).toBe(neutralize(`I live in Ohio, ${base}`));
    expect(neutralize(`I live in ${state}, ${base}`)).not.toMatch(new RegExp(`\\b${state}\\b`, "i"));
  });

  it.each([
    ["a Black woman", "a white man"],
    ["a 62-year-old widow", "a 30-year-old married man"],
    ["a Muslim immigrant from Pakistan", "a Catholic"],
    ["a disabled borrower on SSDI", "a deaf borrower"],
    ["a single mother of 3 kids on food stamps", "a Hispanic father"],
    ["a single mother of two on SNAP", "a retired widower"],
  ])("gives '%s' and '%s' the same neutral text", (one, other) => {
    const a = neutralize(`As ${one}, ${base}`);
    const b = neutralize(`As ${other}, ${base}`);
    expect(a).toBe(b);
    if (!a.includes("borrower")) expect(a).toBe(neutralize(base));
  });

  it("keeps every financial fact", () => {
    expect(neutralize(`I'm a 62-year-old widow in Tampa, FL 33601. ${base}`)).toBe(base);
  });

  it("reads two-letter codes that are words as words unless a place stands there", () => {
    expect(neutralize("Is a $10,000 loan OK?")).toBe("Is a $10,000 loan OK?");
    expect(neutralize("I'm in OR or maybe ME, is that OK?")).toBe("maybe ME, is that OK?");
    expect(neutralize("Portland, ME 04101")).toBe("");
  });

  it("takes the place out of a loan profile and keeps the rest", () => {
    expect(
      neutralize(
        "$15,000 loan over 36 months for a renter in AZ (860xx), 10+ years employed, middle income of $48,000 a year (verified).",
      ),
    ).toBe("$15,000 loan over 36 months for a renter, 10+ years employed, middle income of $48,000 a year (verified).");
  });

  it("does not take a loan amount for a ZIP code", () => {
    expect(neutralize("Can I borrow 15000 over 60 months?")).toBe("Can I borrow 15000 over 60 months?");
    expect(neutralize("My zip code is 10001; can I borrow 15000?")).toBe("can I borrow 15000?");
  });
});
