/**
 * Text as retrieval may see it: no state, city or ZIP code, and no descriptor of a protected
 * characteristic. (First cut: identity; the lexicon follows.)
 */
export function neutralize(text: string): string {
  return text;
}
