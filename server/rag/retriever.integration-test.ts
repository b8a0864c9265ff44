import { beforeAll, describe, expect, it } from "vitest";
import { indexWith } from "@/test/index-fixture";
import { uniqueLoan } from "@/test/loans";
import { activeIndexVersion } from "../index-store";
import { retrieveLoanDataTool, retrieveProfiles } from ".";

beforeAll(async () => {
  await indexWith(
    Array.from({ length: 6 }, () => uniqueLoan({ home_ownership: "OWN", addr_state: "VT", term: "60 months" })),
  );
});

describe("retrieval", () => {
  it("returns the k closest profiles with the versions that served them", async () => {
    const retrieval = await retrieveProfiles("homeowner in VT, 60 months", 4);
    expect(retrieval.profiles).toHaveLength(4);
    // Which loans win depends on what else the shared test database holds; the facets must match.
    expect(retrieval.profiles.every((p) => p.text.includes("homeowner") && p.text.includes("60 months"))).toBe(true);
    expect(retrieval.indexVersion).toBe((await activeIndexVersion())?.version);
    expect(retrieval.embedderVersion).toBe("hash-v2-384+neutral-v1");
  });

  it("is exposed to agents as the retrieve_loan_data tool", async () => {
    expect(retrieveLoanDataTool.name).toBe("retrieve_loan_data");
    const output = JSON.parse(await retrieveLoanDataTool.invoke({ query: "homeowner in VT, 60 months", k: 2 })) as {
      indexVersion: string;
      profiles: { id: number; score: number; text: string; outcome: string }[];
    };
    expect(output.profiles).toHaveLength(2);
    expect(output.profiles[0]).toEqual({
      id: expect.any(Number),
      score: expect.any(Number),
      text: expect.stringContaining("homeowner"),
      outcome: expect.stringMatching(/fully_paid|charged_off/),
    });
    await expect(retrieveLoanDataTool.invoke({ query: "", k: 2 })).rejects.toThrow();
  });
});
