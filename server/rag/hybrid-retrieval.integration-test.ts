import { beforeAll, describe, expect, it } from "vitest";
import { indexWith } from "@/test/index-fixture";
import { uniqueLoan } from "@/test/loans";
import { createHashEmbedder, withNeutralText } from "../embedding";
import { getLiveIndex } from "../index-store";
import { retrieveProfiles, type RetrievalEngines } from ".";

let engines: RetrievalEngines;

/**
 * The borrower of the issue: renter, $48,000 a year, $15,000 over 36 months, once in Texas and
 * once in California. Around them: loans of that profile in both states at much higher incomes
 * (what the plain vector ranking picked), and the borrower's exact profile once, in Texas.
 */
const question = (place: string) =>
  `I live in ${place}, earn $48,000, rent, and want $15,000 over 36 months. How much should I borrow?`;

beforeAll(async () => {
  const profile = { loan_amnt: "15000", term: "36 months", home_ownership: "RENT" } as const;
  await indexWith([
    uniqueLoan({ ...profile, annual_inc: "48000", addr_state: "TX", zip_code: "750xx" }),
    ...["TX", "CA"].flatMap((state) =>
      ["97500", "120000", "150000", "200000", "175000"].map((income) =>
        uniqueLoan({ ...profile, annual_inc: income, addr_state: state, zip_code: state === "TX" ? "770xx" : "900xx" }),
      ),
    ),
    ...["45000", "50000", "52000", "46000"].map((income) =>
      uniqueLoan({ ...profile, annual_inc: income, addr_state: "CA", zip_code: "941xx" }),
    ),
  ]);
  engines = { embedder: withNeutralText(createHashEmbedder()), index: await getLiveIndex() };
});

const ids = async (query: string) => (await retrieveProfiles(query, engines)).profiles.map((profile) => profile.id);

describe("hybrid retrieval", () => {
  it("gives the same five loans whatever state, city or ZIP the question names", async () => {
    const texas = await ids(question("Texas"));
    expect(texas).toHaveLength(5);
    for (const place of [
      "California",
      "CA",
      "TX",
      "Oklahoma",
      "OK",
      "Houston",
      "San Francisco, CA 94110",
      "New York",
    ]) {
      expect(await ids(question(place)), place).toEqual(texas);
    }
  });

  it("gives the same five loans whatever protected characteristic the question names", async () => {
    const plain = await ids(question("Texas"));
    for (const who of ["a 62-year-old widow", "a Black man", "a Muslim immigrant", "a single mother of two on SNAP"]) {
      expect(await ids(`I'm ${who}. ${question("Texas")}`), who).toEqual(plain);
    }
  });

  it("compares the borrower with loans of borrowers near their income, their exact profile first", async () => {
    const { profiles } = await retrieveProfiles(question("Texas"), engines);
    expect(profiles[0]!.fields).toMatchObject({ annual_inc: 48_000, loan_amnt: 15_000, home_ownership: "RENT" });
    for (const profile of profiles) expect(Number(profile.fields.annual_inc)).toBeGreaterThanOrEqual(24_000);
    for (const profile of profiles) expect(Number(profile.fields.annual_inc)).toBeLessThanOrEqual(96_000);
  });
});
