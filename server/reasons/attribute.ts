import { accepts, clauseAround, extractMentions, sameMention, type Mention } from "./mentions";
import type { CitableProfile, Citation } from "./types";

/**
 * Attribution of free text (an LLM's answer) to the retrieved loans: a statement cites a profile's
 * field only when it states that field's value (within the precision the value is written to), so
 * a citation is never decorative. What the statement says of the borrower is not a loan's:
 * - a statement that asks ("Tell me your income…", "…?") states no fact;
 * - in a clause that speaks to the borrower ("your", "you") and not of the loans, values are the
 *   borrower's;
 * - a value the question itself states is the borrower's, unless its clause speaks of the loans
 *   ("the loans that ran 60 months", "Loan #1042 earned $52,000").
 * A statement that names retrieved loans ("Loan #1042") cites only those.
 */

const ASKS =
  /^(?:tell me|let me know|share|please|could you|can you|would you|what is|what's|how much|how long|do you|are you)\b|\?\s*$/i;
const ADDRESSES_BORROWER = /\b(?:you|your|yours|you're|you've|you'd)\b/i;
const SPEAKS_OF_LOANS = /\b(?:loans|profiles?|borrowers|they|them|their|those|these|ones)\b|#\d+/i;
const NAMED_LOAN = /#\s?(\d+)\b|\bprofile\s+#?(\d+)\b/gi;

function namedIds(statement: string, profiles: CitableProfile[]): Set<number> {
  const retrieved = new Set(profiles.map((p) => p.id));
  const ids = [...statement.matchAll(NAMED_LOAN)].map((m) => Number(m[1] ?? m[2]));
  return new Set(ids.filter((id) => retrieved.has(id)));
}

function isTheBorrowers(statement: string, mention: Mention, stated: Mention[]): boolean {
  const clause = clauseAround(statement, mention.start, mention.end);
  const words = statement.slice(clause.start, clause.end);
  if (SPEAKS_OF_LOANS.test(words)) return false;
  return ADDRESSES_BORROWER.test(words) || stated.some((own) => sameMention(own, mention));
}

/** The citations of one statement; `stated` are the mentions of the question (the borrower's figures). */
export function attributeStatement(statement: string, profiles: CitableProfile[], stated: Mention[]): Citation[] {
  if (ASKS.test(statement.trim())) return [];
  const named = namedIds(statement, profiles);
  const candidates = named.size ? profiles.filter((p) => named.has(p.id)) : profiles;
  const mentions = extractMentions(statement).filter((m) => !isTheBorrowers(statement, m, stated));
  const out: Citation[] = [];
  const seen = new Set<string>();
  for (const profile of candidates) {
    for (const mention of mentions) {
      for (const field of mention.fields) {
        const raw = field === "outcome" ? profile.outcome : profile.fields[field];
        if (raw === null || raw === undefined || raw === "" || !accepts(mention, raw)) continue;
        const key = `${profile.id}:${field}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ profileId: profile.id, field, value: raw });
      }
    }
  }
  return out;
}
