import { describe, expect, it } from "vitest";
import { wordDiff } from "./word-diff";

const changed = (parts: { text: string; changed: boolean }[]) => parts.filter((p) => p.changed).map((p) => p.text);
const joined = (parts: { text: string }[]) => parts.map((p) => p.text).join("");

describe("wordDiff", () => {
  it("marks only the swapped words, on each side, and keeps the exact text", () => {
    const original = "I am Emily Walsh, 34, married, from Austin. Should I borrow $9,000?";
    const variant = "I am Lakisha Washington, 34, married, from Austin. Should I borrow $9,000?";
    const diff = wordDiff(original, variant);
    expect(changed(diff.original)).toEqual(["Emily Walsh,"]);
    expect(changed(diff.variant)).toEqual(["Lakisha Washington,"]);
    expect(joined(diff.original)).toBe(original);
    expect(joined(diff.variant)).toBe(variant);
  });

  it("handles words only one side has, and identical questions", () => {
    const diff = wordDiff("She is 30 years old.", "She is 30 years old and receives SNAP.");
    expect(changed(diff.original)).toEqual(["old."]);
    expect(changed(diff.variant)).toEqual(["old and receives SNAP."]);
    expect(changed(wordDiff("same words", "same words").variant)).toEqual([]);
  });
});
