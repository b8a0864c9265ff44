import { describe, expect, it } from "vitest";
import { holmAdjust } from "./holm";

describe("holmAdjust", () => {
  it("adjusts and keeps input order", () => {
    // By hand: sorted 0.005, 0.01, 0.03, 0.04 → ×4, ×3, ×2, ×1 = 0.02, 0.03, 0.06, 0.04;
    // running maximum → 0.02, 0.03, 0.06, 0.06. Back in input order (0.01, 0.04, 0.03, 0.005):
    // 0.03, 0.06, 0.06, 0.02 (what R's p.adjust(c(.01,.04,.03,.005), "holm") defines).
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 14));
  });

  it("caps at 1", () => {
    // Sorted 0.3, 0.6 → 0.6, min(1, 0.6) → running max 0.6, 0.6.
    expect(holmAdjust([0.6, 0.3])).toEqual([0.6, 0.6]);
    expect(holmAdjust([0.7, 0.9])).toEqual([1, 1]);
  });

  it("leaves a single p-value alone and an empty family empty", () => {
    expect(holmAdjust([0.02])).toEqual([0.02]);
    expect(holmAdjust([])).toEqual([]);
  });
});
