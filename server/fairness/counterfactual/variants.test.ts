import { describe, expect, it } from "vitest";
import { citiesOf, loadAuditSet, nameGroup, renderSegments, slotText, type Persona } from "../audit-set";
import { CONTROLS, PROTECTED_ATTRIBUTES, SLOTS_CHANGED, type Control, type ProtectedAttribute } from "./attributes";
import { variantsDigest, variantsOf, variantsOfSet, type Variant } from "./variants";

const { set } = loadAuditSet();
const variants = variantsOfSet(set.cases);
const byId = new Map(set.cases.map((auditCase) => [auditCase.id, auditCase]));

const words = (text: string) => text.match(/[\p{L}\p{N}']+/gu) ?? [];

/** Word-level diff by longest common subsequence: the words only one side has, as multisets. */
function wordDiff(before: string[], after: string[]): { removed: string[]; added: string[] } {
  const lcs = Array.from({ length: before.length + 1 }, () => new Array<number>(after.length + 1).fill(0));
  for (let i = before.length - 1; i >= 0; i--) {
    for (let j = after.length - 1; j >= 0; j--) {
      lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const removed: string[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length && j < after.length) {
    if (before[i] === after[j]) {
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) removed.push(before[i++]!);
    else added.push(after[j++]!);
  }
  return { removed: [...removed, ...before.slice(i)], added: [...added, ...after.slice(j)] };
}

/** Whether every word of `part` can be taken from `whole` (multiset inclusion). */
function within(part: string[], whole: string[]): boolean {
  const left = new Map<string, number>();
  for (const word of whole) left.set(word, (left.get(word) ?? 0) + 1);
  return part.every((word) => {
    const n = left.get(word) ?? 0;
    left.set(word, n - 1);
    return n > 0;
  });
}

const swapOf = (variant: Variant): ProtectedAttribute | Control =>
  variant.kind === "protected" ? variant.attribute : variant.control;

describe("counterfactual variants", () => {
  it("gives every case one variant per protected attribute and per control", () => {
    expect(variants).toHaveLength(set.cases.length * (PROTECTED_ATTRIBUTES.length + CONTROLS.length));
    expect(variantsOf(set.cases[0]!).map(swapOf)).toEqual([...PROTECTED_ATTRIBUTES, ...CONTROLS]);
    expect(new Set(variants.map((variant) => variant.id)).size).toBe(variants.length);
  });

  it("changes the question's words only inside the slots of the swapped attribute (word diff)", () => {
    for (const variant of variants) {
      const original = byId.get(variant.caseId)!;
      const slots = SLOTS_CHANGED[swapOf(variant)];
      const { removed, added } = wordDiff(words(original.question), words(variant.question));
      const context = `${variant.id}: −[${removed.join(" ")}] +[${added.join(" ")}]`;
      expect(removed.length + added.length, context).toBeGreaterThan(0);
      expect(
        within(
          removed,
          slots.flatMap((slot) => words(slotText(slot, original.persona))),
        ),
        context,
      ).toBe(true);
      expect(
        within(
          added,
          slots.flatMap((slot) => words(slotText(slot, variant.persona))),
        ),
        context,
      ).toBe(true);
    }
  });

  it("keeps the template's fixed text and every other slot as it was", () => {
    for (const variant of variants) {
      const original = byId.get(variant.caseId)!;
      const before = renderSegments(original.template, original.persona);
      const after = renderSegments(original.template, variant.persona);
      const changed = before.flatMap((segment, i) => (segment.text === after[i]!.text ? [] : [segment.slot]));
      expect(
        changed.every((slot) => slot !== null && SLOTS_CHANGED[swapOf(variant)].includes(slot)),
        variant.id,
      ).toBe(true);
    }
  });

  it("moves the persona to the other side of the attribute and leaves the rest", () => {
    const unchangedExcept = (a: Persona, b: Persona, fields: (keyof Persona)[]) =>
      (Object.keys(a) as (keyof Persona)[]).filter((key) => !fields.includes(key)).every((key) => a[key] === b[key]);
    for (const variant of variants) {
      const from = byId.get(variant.caseId)!.persona;
      const to = variant.persona;
      switch (swapOf(variant)) {
        case "sex":
          expect(to.sex).not.toBe(from.sex);
          expect(nameGroup(to.firstName)).toMatchObject({ sex: to.sex, race: from.raceEthnicity });
          expect(unchangedExcept(from, to, ["sex", "firstName", "pronouns"])).toBe(true);
          break;
        case "race_ethnicity":
          expect(to.raceEthnicity).not.toBe(from.raceEthnicity);
          expect(nameGroup(to.firstName)).toMatchObject({ sex: from.sex, race: to.raceEthnicity });
          expect(unchangedExcept(from, to, ["raceEthnicity", "firstName", "lastName"])).toBe(true);
          break;
        case "age":
          expect(Math.abs(to.age - from.age)).toBeGreaterThanOrEqual(29);
          expect(unchangedExcept(from, to, ["age"])).toBe(true);
          break;
        case "marital_status":
          expect(to.maritalStatus === "married").toBe(from.maritalStatus !== "married");
          expect(unchangedExcept(from, to, ["maritalStatus"])).toBe(true);
          break;
        case "national_origin":
          expect(to.nationalOrigin === null).toBe(from.nationalOrigin !== null);
          expect(unchangedExcept(from, to, ["nationalOrigin"])).toBe(true);
          break;
        case "public_assistance":
          expect(to.publicAssistance === null).toBe(from.publicAssistance !== null);
          expect(unchangedExcept(from, to, ["publicAssistance"])).toBe(true);
          break;
        case "city": {
          const state = byId.get(variant.caseId)!.source.loan.addr_state;
          expect(to.city).not.toBe(from.city);
          expect(citiesOf(state)).toContain(to.city);
          expect(unchangedExcept(from, to, ["city"])).toBe(true);
          break;
        }
        case "first_name":
          expect(to.firstName).not.toBe(from.firstName);
          expect(nameGroup(to.firstName)).toMatchObject({ sex: from.sex, race: from.raceEthnicity });
          expect(unchangedExcept(from, to, ["firstName"])).toBe(true);
          break;
      }
    }
  });

  it("swaps Emily for Greg (sex) and for Lakisha (race), as the paper pairs them", () => {
    const emily = { ...set.cases[0]!, persona: { ...set.cases[0]!.persona, firstName: "Emily", lastName: "Walsh" } };
    const emilyCase = {
      ...emily,
      persona: { ...emily.persona, sex: "female" as const, raceEthnicity: "white" as const, pronouns: "she/her" },
    };
    const [sex, race] = variantsOf(emilyCase);
    expect(sex!.question).toMatch(/^Hi, I'm Greg Walsh \(he\/him\),/);
    expect(race!.question).toMatch(/^Hi, I'm Lakisha Washington \(she\/her\),/);
  });

  it("asks the same 1,920 questions of set v1 as when the set was published", () => {
    // Pinned when v1 was built (node: variantsDigest(variantsOfSet(loadAuditSet().set.cases))). The
    // variants are computed, not stored: a change to a swap changes the questions an audit of "v1"
    // asks, which must instead be a new audit-set version (data/audit-sets/README.md).
    expect(variants).toHaveLength(1920);
    expect(variantsDigest(variants)).toBe("03f746f8ea8d469126a34640da2026bd73beec4f5300dd960ef7b131a11771e0");
  });
});
