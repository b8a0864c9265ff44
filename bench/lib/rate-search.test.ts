import { describe, expect, it } from "vitest";
import { failure, highestHeldRate, type Probe } from "./rate-search";

/** A server that holds every rate up to `capacity` and none above it. */
function server(capacity: number) {
  const asked: number[] = [];
  const probe = async (rate: number): Promise<Probe> => {
    asked.push(rate);
    const holds = rate <= capacity;
    return { rate, achieved: holds ? rate : capacity, p95Ms: holds ? 20 : 400, errors: 0, non2xx: 0 };
  };
  return { probe, asked };
}

describe("failure", () => {
  const held: Probe = { rate: 100, achieved: 99, p95Ms: 40, errors: 0, non2xx: 0 };

  it("holds under every limit", () => {
    expect(failure(held)).toBeNull();
  });

  it("names what broke the contract", () => {
    expect(failure({ ...held, errors: 2 })).toBe("2 errors");
    expect(failure({ ...held, non2xx: 1 })).toBe("1 non-2xx responses");
    expect(failure({ ...held, p95Ms: 100 })).toBe("p95 100.0 ms");
    expect(failure({ ...held, achieved: 90 })).toBe("90/s answered");
    expect(failure({ ...held, p95Ms: NaN })).toBe("p95 NaN ms");
  });
});

describe("highestHeldRate", () => {
  it("grows from a low start, then bisects to within 5 % of the capacity", async () => {
    const { probe, asked } = server(230);
    const { rate, probes } = await highestHeldRate(probe, { start: 100, maxProbes: 10 });
    expect(rate).toBeLessThanOrEqual(230);
    expect(rate).toBeGreaterThanOrEqual(230 * 0.95 - 1);
    expect(asked.slice(0, 3)).toEqual([100, 150, 225]);
    expect(probes).toHaveLength(asked.length);
  });

  it("comes down from a start above the capacity", async () => {
    const { probe } = server(40);
    const { rate } = await highestHeldRate(probe, { start: 200, maxProbes: 10 });
    expect(rate).toBeLessThanOrEqual(40);
    expect(rate).toBeGreaterThanOrEqual(36);
  });

  it("stops after maxProbes, returning the best rate held so far", async () => {
    const { probe, asked } = server(1000);
    const { rate } = await highestHeldRate(probe, { start: 10, maxProbes: 3 });
    expect(asked).toEqual([10, 15, 23]);
    expect(rate).toBe(23);
  });

  it("returns 0 when not even one request per second holds", async () => {
    const { probe, asked } = server(0);
    const { rate } = await highestHeldRate(probe, { start: 8, maxProbes: 10 });
    expect(rate).toBe(0);
    expect(asked).toEqual([8, 4, 2, 1]);
  });
});
