import { beforeAll, describe, expect, it } from "vitest";
import { loanRowSchema, readRows, SHIPPED_CORPUS, toLoanProfile, type LoanRow } from "../ingest";
import { EMBEDDING_DIMENSIONS } from "./embedder";
import { createHashEmbedder, hashEmbed, tokenize } from "./hash-embedder";

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, value, i) => sum + value * b[i]!, 0);

describe("hashEmbed", () => {
  it("is deterministic, unit length and 384-dimensional", async () => {
    const text = "$5,000 loan over 36 months for a renter in AZ (860xx), high revolving utilization (83.7%)";
    const embedder = createHashEmbedder();
    expect(embedder.version).toBe(`hash-v2-${EMBEDDING_DIMENSIONS}`);
    expect(embedder.dimensions).toBe(384);

    const [first, second] = await embedder.embed([text, text]);
    expect(first).toHaveLength(384);
    expect(Math.sqrt(dot(first!, first!))).toBeCloseTo(1, 6);
    expect(second).toEqual(first);
    expect(hashEmbed(text)).toEqual(first);
    expect(await createHashEmbedder().embed([text])).toEqual([first]);
  });

  it("maps a text without words to the zero vector, which matches nothing", () => {
    expect(hashEmbed("the, and a ...").every((value) => value === 0)).toBe(true);
  });

  it("reads states as borrowers and profiles write them, and folds loan words to the profiles' form", () => {
    expect(tokenize("I rent in Texas")).toEqual(["renter", "@tx"]);
    expect(tokenize("renter in TX (775xx)")).toEqual(["renter", "@tx", "775xx"]);
    // Capitals make IN, OR and ME states; in lower case they are stopwords.
    expect(tokenize("loan for a renter in IN (462xx)")).toEqual(["loan", "renter", "@in", "462xx"]);
    expect(tokenize("homeowner in or near Portland, OR")).toEqual(["homeowner", "near", "portland", "@or"]);
    expect(tokenize("moving from New York to West Virginia, not Virginia")).toEqual([
      "moving",
      "@ny",
      "@wv",
      "not",
      "@va",
    ]);
    expect(tokenize("2 delinquencies and 3 inquiries")).toEqual(["2", "delinquency", "3", "inquiry"]);
    expect(dot(hashEmbed("I rent in Texas"), hashEmbed("renter in TX"))).toBeGreaterThan(0.9);
  });
});

/**
 * Retrieval sanity on the shipped corpus: the first 2,000 valid LendingClub rows, ranked by
 * inner product with a question. The hash embedder knows no meaning, only shared words, so the
 * checks are about profiles whose text says what the question says.
 */
describe("hash retrieval on the shipped corpus", () => {
  const profiles: { row: LoanRow; vector: Float32Array }[] = [];

  beforeAll(async () => {
    const rows: LoanRow[] = [];
    for await (const raw of readRows(SHIPPED_CORPUS)) {
      const parsed = "record" in raw ? loanRowSchema.safeParse(raw.record) : undefined;
      if (parsed?.success) rows.push(parsed.data);
      if (rows.length === 2000) break;
    }
    const vectors = await createHashEmbedder().embed(rows.map((row) => toLoanProfile(row).text));
    rows.forEach((row, i) => profiles.push({ row, vector: vectors[i]! }));
  });

  /** Profiles best first, each with how many of the criteria it meets. */
  function rank(query: string, criteria: ((row: LoanRow) => boolean)[]) {
    const vector = hashEmbed(query);
    return profiles
      .map(({ row, vector: profile }) => ({ score: dot(vector, profile), met: criteria.filter((c) => c(row)).length }))
      .sort((a, b) => b.score - a.score);
  }

  /**
   * Matching profiles (all criteria) come first, and unrelated ones (no criterion) far down: at
   * most one miss in the top 5, three in the top 10, no top-10 profile meeting fewer than two
   * criteria, no unrelated profile in the top 100, and a matching profile above an unrelated
   * one in at least 99% of pairs.
   */
  function expectMatchesFirst(query: string, criteria: ((row: LoanRow) => boolean)[]) {
    const ranked = rank(query, criteria);
    const all = criteria.length;
    const matching = ranked.filter(({ met }) => met === all);
    const unrelated = ranked.filter(({ met }) => met === 0);
    // The corpus must hold enough of both for the ranking to mean anything (1,000s of rows, ~3–7% match).
    expect(matching.length).toBeGreaterThan(40);
    expect(unrelated.length).toBeGreaterThan(400);

    expect(ranked.slice(0, 5).filter(({ met }) => met === all).length).toBeGreaterThanOrEqual(4);
    expect(ranked.slice(0, 10).filter(({ met }) => met === all).length).toBeGreaterThanOrEqual(7);
    expect(Math.min(...ranked.slice(0, 10).map(({ met }) => met))).toBeGreaterThanOrEqual(2);
    expect(ranked.slice(0, 100).filter(({ met }) => met === 0)).toEqual([]);

    let ordered = 0;
    for (const match of matching) for (const other of unrelated) if (match.score > other.score) ordered += 1;
    expect(ordered / (matching.length * unrelated.length)).toBeGreaterThan(0.99);
  }

  it("ranks renters in CA with high utilization first for that question", () => {
    expectMatchesFirst("renter in CA with high revolving utilization", [
      (row) => row.home_ownership === "RENT",
      (row) => row.addr_state === "CA",
      (row) => (row.revol_util ?? 0) >= 70,
    ]);
  });

  it("ranks 60-month mortgage holders with high income first for that question", () => {
    expectMatchesFirst("homeowner with a mortgage, 60 months, high income", [
      (row) => row.home_ownership === "MORTGAGE",
      (row) => row.term === "60 months",
      (row) => row.annual_inc >= 100_000,
    ]);
  });

  it("understands a question in the borrower's own words", () => {
    const ranked = rank("I rent in Texas", [(row) => row.home_ownership === "RENT", (row) => row.addr_state === "TX"]);
    expect(ranked.slice(0, 10).filter(({ met }) => met === 2).length).toBeGreaterThanOrEqual(8);
  });
});
