/**
 * Statements of an answer: its sentences, and the lines of a list an LLM may write. A full stop
 * ends a sentence only before white space and a capital, digit, quote or bracket, so "11.5%",
 * "$1.2 million" and abbreviations ("e.g. the", "vs. 60 months") stay inside their sentence.
 */
const ABBREVIATION = /\b(?:e\.g|i\.e|vs|etc|approx|incl|no|mr|mrs|ms|dr|st|u\.s)\.$/i;

export function splitStatements(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\n+/)) {
    const item = line.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, "").trim();
    if (!item) continue;
    let start = 0;
    for (const boundary of item.matchAll(/[.!?]["')\]]*\s+(?=["'(\[]?[A-Z0-9$])/g)) {
      const end = boundary.index + boundary[0].trimEnd().length;
      if (ABBREVIATION.test(item.slice(start, end))) continue;
      out.push(item.slice(start, end).trim());
      start = boundary.index + boundary[0].length;
    }
    const rest = item.slice(start).trim();
    if (rest) out.push(rest);
  }
  return out;
}
