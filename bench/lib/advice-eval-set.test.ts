import { describe, expect, it } from "vitest";
import { FACET_KEYS, loadAdviceEvalSet, missingByRule } from "./advice-eval-set";

const set = loadAdviceEvalSet();
/** The numbers a text states, as written ("$15,000" → "15000", "4k" → "4"); ages left out, as a swap may change one. */
const numbers = (text: string) =>
  (text.replace(/\b\d+(?:-year-old| years old)|\bI'?m \d{2}\b/gi, "").match(/\d[\d,.]*/g) ?? []).map((n) =>
    n.replace(/[,.]+$/, "").replace(/,/g, ""),
  );

describe("the advice evaluation set", () => {
  it("has at least 120 questions with unique ids and unique wording", () => {
    expect(set.questions.length).toBeGreaterThanOrEqual(120);
    expect(new Set(set.questions.map((q) => q.id)).size).toBe(set.questions.length);
    expect(new Set(set.questions.map((q) => q.question.toLowerCase())).size).toBe(set.questions.length);
  });

  it("labels only known facet keys and covers every kind and every facet", () => {
    const used = new Set(set.questions.flatMap((q) => Object.keys(q.facets)));
    expect([...used].every((key) => (FACET_KEYS as string[]).includes(key))).toBe(true);
    expect([...used].sort()).toEqual([...FACET_KEYS].sort());
    expect(new Set(set.questions.map((q) => q.kind))).toEqual(
      new Set(["compare", "how_much", "should_i", "will_it_hurt", "general"]),
    );
  });

  it("labels missing facts by the one rule the README states", () => {
    for (const q of set.questions) expect(q.missing, q.id).toEqual(missingByRule(q.kind, q.facets));
  });

  it("holds the issue's own examples", () => {
    const texts = set.questions.map((q) => q.question);
    for (const example of ["36 or 60 months?", "3 years or 5?", "Is now a good time to borrow?"]) {
      expect(texts).toContain(example);
    }
    expect(texts.some((t) => t.includes("62-year-old widow"))).toBe(true);
    expect(texts.some((t) => t.startsWith("I live in Texas, earn $48,000"))).toBe(true);
    expect(texts.some((t) => t.startsWith("I live in California, earn $48,000"))).toBe(true);
  });

  it("swaps 40 distinct bases that exist, every variant different from its base and keeping its numbers", () => {
    expect(set.swaps).toHaveLength(40);
    expect(new Set(set.swaps.map((s) => s.base)).size).toBe(40);
    for (const swap of set.swaps) {
      const base = set.byId.get(swap.base);
      expect(base, swap.base).toBeDefined();
      expect(new Set(swap.variants).size, swap.base).toBe(swap.variants.length);
      for (const variant of swap.variants) {
        expect(variant, swap.base).not.toBe(base!.question);
        // The financial facts stay: every number of the base is still there (a variant may add an
        // age or a ZIP code, which are not financial facts).
        const kept = numbers(variant);
        for (const n of numbers(base!.question)) expect(kept, `${swap.base}: ${variant}`).toContain(n);
      }
    }
  });

  it("uses all 50 states across the swaps, by name or abbreviation, and cities and ZIP codes", () => {
    const states: [string, string][] = [
      ["AL", "Alabama"],
      ["AK", "Alaska"],
      ["AZ", "Arizona"],
      ["AR", "Arkansas"],
      ["CA", "California"],
      ["CO", "Colorado"],
      ["CT", "Connecticut"],
      ["DE", "Delaware"],
      ["FL", "Florida"],
      ["GA", "Georgia"],
      ["HI", "Hawaii"],
      ["ID", "Idaho"],
      ["IL", "Illinois"],
      ["IN", "Indiana"],
      ["IA", "Iowa"],
      ["KS", "Kansas"],
      ["KY", "Kentucky"],
      ["LA", "Louisiana"],
      ["ME", "Maine"],
      ["MD", "Maryland"],
      ["MA", "Massachusetts"],
      ["MI", "Michigan"],
      ["MN", "Minnesota"],
      ["MS", "Mississippi"],
      ["MO", "Missouri"],
      ["MT", "Montana"],
      ["NE", "Nebraska"],
      ["NV", "Nevada"],
      ["NH", "New Hampshire"],
      ["NJ", "New Jersey"],
      ["NM", "New Mexico"],
      ["NY", "New York"],
      ["NC", "North Carolina"],
      ["ND", "North Dakota"],
      ["OH", "Ohio"],
      ["OK", "Oklahoma"],
      ["OR", "Oregon"],
      ["PA", "Pennsylvania"],
      ["RI", "Rhode Island"],
      ["SC", "South Carolina"],
      ["SD", "South Dakota"],
      ["TN", "Tennessee"],
      ["TX", "Texas"],
      ["UT", "Utah"],
      ["VT", "Vermont"],
      ["VA", "Virginia"],
      ["WA", "Washington"],
      ["WV", "West Virginia"],
      ["WI", "Wisconsin"],
      ["WY", "Wyoming"],
    ];
    // "Virginia" inside "West Virginia" does not count for Virginia.
    const text = set.swaps
      .flatMap((s) => s.variants)
      .join("\n")
      .replace(/West Virginia/g, "WV");
    const absent = states.filter(([abbr, name]) => !new RegExp(`\\b(${abbr}|${name})\\b`).test(text));
    expect(absent).toEqual([]);
    expect(text).toMatch(/\b\d{5}\b/);
    expect(text).toMatch(/Chicago|Seattle|Boston/);
  });
});
