import { type Persona } from "../fairness";

/**
 * Text a blind reviewer may see. The two questions of a pair differ only in the persona, so
 * showing them would tell the reviewer which answer went to which persona; and masking only the
 * words that differ would still tell which attribute was swapped (a withheld name and pronoun is
 * the sex swap). So the question is shown once, for both answers, with every persona detail
 * withheld, and the same details are withheld wherever an answer echoes them ("Hi Emily, …").
 */

export const WITHHELD = "[withheld]";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The template of the question with every persona slot withheld, filled or not (an empty slot must not tell either). */
export function neutralTemplate(template: string): string {
  return template.replace(/\{\w+\}/g, WITHHELD);
}

/**
 * The words that identify a persona, as an answer might echo them: names, pronouns, age, marital
 * status, city, the country of origin and the assistance received (not the sentences around them,
 * whose ordinary words would blank out half an answer).
 */
export function personaPhrases(persona: Persona): string[] {
  return [
    persona.firstName,
    persona.lastName,
    ...persona.pronouns.split("/"),
    String(persona.age),
    persona.maritalStatus,
    persona.city,
    persona.nationalOrigin ?? "",
    persona.publicAssistance ?? "",
  ].filter((phrase) => phrase.trim() !== "");
}

/** `text` with each whole-word, case-insensitive occurrence of the phrases withheld (longest first). */
export function withholdPhrases(text: string, phrases: Iterable<string>): string {
  const unique = [...new Set([...phrases].map((phrase) => phrase.trim()).filter(Boolean))];
  if (unique.length === 0) return text;
  unique.sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${unique.map(escape).join("|")})(?![\\p{L}\\p{N}])`, "giu");
  return text.replace(pattern, WITHHELD);
}

const words = (text: string) => text.match(/\S+/g) ?? [];
/** A word as compared: case and surrounding punctuation do not make two words different. */
const bare = (word: string) => word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");

/**
 * For pairs whose audit set is no longer shipped (so their template is not at hand): the words
 * the two questions share, each run of words that differs withheld; and the differing words, for
 * withholding in the answers. This hides which answer went to which persona, though where the
 * gaps fall can hint at which attribute changed.
 */
export function sharedQuestion(first: string, second: string): { question: string; phrases: string[] } {
  const a = words(first);
  const b = words(second);
  // Longest common subsequence of the words (questions are ~100 words: a small table).
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  const out: string[] = [];
  const differing = new Set<string>();
  const matched = new Set<string>();
  let gap = false;
  let [i, j] = [0, 0];
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      if (gap) out.push(WITHHELD);
      gap = false;
      out.push(a[i]!);
      matched.add(bare(a[i]!));
      i += 1;
      j += 1;
    } else if (j >= b.length || (i < a.length && table[i + 1]![j]! >= table[i]![j + 1]!)) {
      differing.add(bare(a[i++]!));
      gap = true;
    } else {
      differing.add(bare(b[j++]!));
      gap = true;
    }
  }
  if (gap) out.push(WITHHELD);
  // A word both questions also share elsewhere (a first-person "I") identifies nobody.
  const phrases = [...differing].filter((word) => word !== "" && !matched.has(word));
  return { question: out.join(" "), phrases };
}
