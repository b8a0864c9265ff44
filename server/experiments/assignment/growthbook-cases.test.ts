import { describe, expect, it } from "vitest";
import cases from "./growthbook-cases.json";
import { chooseVariation, getBucketRanges, getEqualWeights, hash, inNamespace, type Namespace } from ".";

/**
 * GrowthBook's published cross-SDK cases (growthbook/growthbook, packages/sdk-js/test/cases.json;
 * commit and spec version in growthbook-cases.json's `source`), every case of the five functions
 * assignment is made of. Ranges and weights are floored to 8 decimals before comparing, as the
 * SDK's own runner (packages/sdk-js/test/json.test.ts) does: the cases write 0.04 for 0.2 × 0.2.
 */

const floor8 = (n: number) => Math.floor(n * 1e8) / 1e8;
const floorRanges = (ranges: readonly (readonly number[])[]) => ranges.map((range) => range.map(floor8));

describe("GrowthBook's published cases", () => {
  it("carries every case of the five functions", () => {
    expect({
      hash: cases.hash.length,
      getBucketRange: cases.getBucketRange.length,
      chooseVariation: cases.chooseVariation.length,
      inNamespace: cases.inNamespace.length,
      getEqualWeights: cases.getEqualWeights.length,
    }).toEqual({ hash: 15, getBucketRange: 13, chooseVariation: 13, inNamespace: 16, getEqualWeights: 6 });
  });

  it.each(cases.hash as [string, string, number, number | null][])(
    "hash(%j, %j, %i) is %j",
    (seed, value, version, expected) => {
      expect(hash(seed, value, version)).toBe(expected);
    },
  );

  it.each(cases.getBucketRange as [string, [number, number, number[] | null], [number, number][]][])(
    "getBucketRanges: %s",
    (_name, [numVariations, coverage, weights], expected) => {
      expect(floorRanges(getBucketRanges(numVariations, coverage, weights))).toEqual(floorRanges(expected));
    },
  );

  it.each(cases.chooseVariation as [string, number, [number, number][], number][])(
    "chooseVariation: %s",
    (_name, bucket, ranges, expected) => {
      expect(chooseVariation(bucket, ranges)).toBe(expected);
    },
  );

  it.each(cases.inNamespace as [string, string, [string, number, number], boolean][])(
    "inNamespace: %s",
    (_name, userId, namespace, expected) => {
      expect(inNamespace(userId, namespace as Namespace)).toBe(expected);
    },
  );

  it.each(cases.getEqualWeights as [number, number[]][])("getEqualWeights(%i)", (n, expected) => {
    expect(getEqualWeights(n).map(floor8)).toEqual(expected.map(floor8));
  });
});
