import {
  CITIES,
  FRAMING_WORDS,
  PROTECTED_TERMS,
  STATE_CODES,
  STATES,
  WORD_LIKE_STATE_CODES,
  type ProtectedCategory,
} from "./lexicon";

/**
 * Text as retrieval may see it: no state, city or ZIP code, and no descriptor of a protected
 * characteristic. Applied alike to loan profiles and to borrowers' questions, so the same question
 * with any state or any protected descriptor added, removed or swapped becomes the same text and
 * retrieves the same loans. Descriptors are removed rather than replaced by a token: a token would
 * still tell "mentions one" from "mentions none".
 */

const alternation = (terms: string[]) =>
  terms
    .slice()
    .sort((a, b) => b.length - a.length)
    .join("|");
const whole = (source: string, flags = "gi") => new RegExp(`(?<![\\w'])(?:${source})(?![\\w'])`, flags);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const STATE_NAMES = whole(alternation(Object.keys(STATES).map(escape)));
const CITY_NAMES = whole(alternation(CITIES.map(escape)));
const FRAMING_SOURCE = `(?<![\\w'])(?:${alternation(FRAMING_WORDS.split(" ").map(escape))})(?![\\w'])`;
/** A place or descriptor with the framing words right before it ("For context, I'm …") and after it. */
const FRAMED = new RegExp(`(?:${FRAMING_SOURCE}[\\s,]*)*\u0000(?:\\s*${FRAMING_SOURCE})*`, "gi");
/** A clause of framing words only (at least one). */
const FRAMING_ONLY = new RegExp(`^\\s*(?:${FRAMING_SOURCE}\\s*)+$`, "i");
const STATE_CODE = /(?<![\w'])[A-Za-z]{2}(?![\w'])/g;
/** The corpus's 3-digit ZIP prefixes ("860xx"), and 5-digit ZIPs where the text says they are ZIPs. */
const ZIP_PREFIX = /\(?(?<![\w])\d{3}xx(?![\w])\)?/gi;
const ZIP_NAMED = /\b(?:zip(?:\s*code)?|postal\s+code)\s*(?:is|of|:)?\s*\d{5}(?:-\d{4})?\b/gi;
/** A 5-digit ZIP right after a state ("TX 78701"): checked after states are marked. */
const ZIP_AFTER_PLACE = /\u0000(\s*,?\s*)\d{5}(?:-\d{4})?\b/g;

/** Marks a place with NUL so a following ZIP can be recognised, then everything marked goes. */
const PLACE = "\u0000";

export const PROTECTED_PATTERNS: [ProtectedCategory, RegExp][] = (
  Object.entries(PROTECTED_TERMS) as [ProtectedCategory, string[]][]
).map(([category, terms]) => [category, whole(alternation(terms))]);

/**
 * A two-letter token is a state when it is a code written in capitals ("TX", "ME" in "Portland,
 * ME") or a code that is no word ("tx"). Codes that are also words ("OK", "IN", "OR") count only
 * where a place stands: after "in", "from", "to", "near" or a comma, or before "here" or a ZIP
 * code ("Is that OK?" names no state; "OR here." does).
 */
function isStateCode(token: string, before: string, after: string): boolean {
  const code = token.toLowerCase();
  if (!STATE_CODES.has(code)) return false;
  if (!WORD_LIKE_STATE_CODES.has(code)) return true;
  return (
    /^[A-Z]{2}$/.test(token) &&
    (/(?:\b(?:in|from|to|near|of)|,)\s*$/i.test(before) || /^\s+(?:here\b|\d{5}\b)/i.test(after))
  );
}

/** Marks every state, city and ZIP code in `text` with PLACE; returns the text and whether any was found. */
export function markPlaces(text: string): { text: string; found: boolean } {
  let found = false;
  const mark = () => {
    found = true;
    return PLACE;
  };
  let out = text.replace(CITY_NAMES, mark).replace(STATE_NAMES, mark);
  out = out.replace(STATE_CODE, (token: string, offset: number, whole: string) =>
    isStateCode(token, whole.slice(Math.max(0, offset - 8), offset), whole.slice(offset + 2, offset + 10))
      ? mark()
      : token,
  );
  // A capitalised name right before a state is its city or town ("Bend, Oregon").
  out = out.replace(/\b[A-Z][a-z]+(?: [A-Z][a-z]+)?,\s*(?=\u0000)/g, mark);
  out = out
    .replace(ZIP_AFTER_PLACE, () => PLACE)
    .replace(ZIP_NAMED, mark)
    .replace(ZIP_PREFIX, mark);
  return { text: out, found };
}

export function neutralize(text: string): string {
  let out = markPlaces(text).text;
  for (const [, pattern] of PROTECTED_PATTERNS) out = out.replace(pattern, PLACE);
  // The words that only framed what was taken out go with it ("I'm based in …", "I live in …"),
  // and so does a clause left with nothing but framing ("For context, …", "… here.").
  out = out.replace(/\u0000[\s\u0000]*\u0000/g, PLACE).replace(FRAMED, PLACE);
  out = out
    .split(/([.,;!?()]+)/)
    .map((clause) => (FRAMING_ONLY.test(clause) ? "" : clause))
    .join("");
  out = out.replace(/\u0000/g, " ").replace(/\(\s*\)/g, " ");
  // What removal leaves behind: prepositions and articles with nothing after them ("as a , …").
  for (let previous = ""; previous !== out;) {
    previous = out;
    out = out
      .replace(/\b(?:in|from|near|of|on|with|at|for)\s*(?=[,.;:!?]|$)/gi, "")
      .replace(/\s+(?=[,.;:!?])/g, "")
      .replace(/(?:\b(?:i'?m|i am|as|being)\s+)?\b(?:an?|the)\s*(?=[,.;:!?]|$)/gi, "");
  }
  return out
    .replace(/([,;:])(?:\s*[,;:])+/g, "$1")
    .replace(/(^|[.!?]\s*)(?:[,;:.]+\s*)?(?:(?:and|but|so|or|also)\s+)?/gi, "$1")
    .replace(/(^|[.!?]\s*)[,;:.]+\s*/g, "$1")
    .replace(/\s{2,}/g, " ")
    .trim();
}
