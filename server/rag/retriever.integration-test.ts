import { beforeAll, describe, expect, it } from "vitest";
import { indexWith } from "@/test/index-fixture";
import { uniqueLoan } from "@/test/loans";
import { createHashEmbedder, withNeutralText } from "../embedding";
import { activeIndexVersion, getLiveIndex, type LiveIndex } from "../index-store";
import { retrieveLoanDataTool, retrieveProfiles, type RetrievalEngines } from ".";

/** Retrieval searches with what it is handed: here the hashing embedder and the active index. */
let engines: RetrievalEngines;

beforeAll(async () => {
  await indexWith(
    Array.from({ length: 6 }, () => uniqueLoan({ home_ownership: "OWN", addr_state: "VT", term: "60 months" })),
  );
  engines = { embedder: withNeutralText(createHashEmbedder()), index: await getLiveIndex() };
});

describe("retrieval", () => {
  it("returns the k closest profiles with the versions that served them", async () => {
    const retrieval = await retrieveProfiles("homeowner in VT, 60 months", engines, 4);
    expect(retrieval.profiles).toHaveLength(4);
    // Which loans win depends on what else the shared test database holds; the facets must match.
    expect(retrieval.profiles.every((p) => p.text.includes("homeowner") && p.text.includes("60 months"))).toBe(true);
    expect(retrieval.indexVersion).toBe((await activeIndexVersion())?.version);
    expect(retrieval.embedderVersion).toBe("hash-v2-384+neutral-v1");
  });

  it("is exposed to agents as the retrieve_loan_data tool", async () => {
    const tool = retrieveLoanDataTool(engines);
    expect(tool.name).toBe("retrieve_loan_data");
    const output = JSON.parse(await tool.invoke({ query: "homeowner in VT, 60 months", k: 2 })) as {
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
    await expect(tool.invoke({ query: "", k: 2 })).rejects.toThrow();
  });

  it("refuses an index built by another embedder than the one it is handed, and says so", async () => {
    const index: LiveIndex = {
      ...engines.index,
      manifest: { ...engines.index.manifest, embedderVersion: "minilm-l6-v2@000000000000" },
    };
    await expect(retrieveProfiles("homeowner in VT", { ...engines, index })).rejects.toThrow(
      /was built with embedder minilm-l6-v2@000000000000, but queries are embedded with hash-v2-384\+neutral-v1/,
    );
  });
});
