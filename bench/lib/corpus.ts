import { loanRowSchema, readRows, SHIPPED_CORPUS, toLoanProfile } from "../../server/ingest";

/** Profile texts of the shipped LendingClub corpus, as the product stores them. */
export async function corpusTexts(): Promise<string[]> {
  const texts: string[] = [];
  for await (const row of readRows(SHIPPED_CORPUS)) {
    if ("error" in row) continue;
    const parsed = loanRowSchema.safeParse(row.record);
    if (parsed.success) texts.push(toLoanProfile(parsed.data).text);
  }
  return texts;
}
