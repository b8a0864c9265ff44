import { accepts, clauseAround, extractMentions, sameMention, type Mention } from "./mentions";
import type { CitableProfile, Citation } from "./types";

/**
 * Attribution of free text (an LLM's answer) to the retrieved loans: a statement cites a profile's
 * field only when it states that field's value (within the precision the value is written to), so
 * a citation is never decorative. What the statement says of the borrower is not a loan's:
 * - a statement that asks ("Tell me your income…", "…?") states no fact;
 * - a statement that speaks to the borrower ("your", "you") and not of the loans is the
 *   borrower's; in one that speaks of both, so is a clause that speaks to the borrower only;
 * - a value the question itself states is the borrower's, unless its clause speaks of the loans
 *   ("the loans that ran 60 months", "Loan #1042 earned $52,000").
 * A statement that names retrieved loans ("Loan #1042") cites only those. An outcome ("repaid")
 * said of loans the statement qualifies ("the loans that ran 60 months", "renters") cites the
 * outcomes of those loans only.
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
  if (ADDRESSES_BORROWER.test(statement) && !SPEAKS_OF_LOANS.test(statement)) return true;
  const clause = clauseAround(statement, mention.start, mention.end);
  const words = statement.slice(clause.start, clause.end);
  if (SPEAKS_OF_LOANS.test(words)) return false;
  return ADDRESSES_BORROWER.test(words) || stated.some((own) => sameMention(own, mention));
}

/** Fields that pick out some of the loans ("the 60-month loans", "renters"), unlike an amount or an outcome. */
const QUALIFYING = new Set(["term", "home_ownership", "purpose", "verification_status"]);

const valueOf = (profile: CitableProfile, field: string) =>
  field === "outcome" ? profile.outcome : profile.fields[field];

function holds(profile: CitableProfile, mention: Mention): boolean {
  return mention.fields.some((field) => {
    const raw = valueOf(profile, field);
    return raw !== null && raw !== undefined && raw !== "" && accepts(mention, raw);
  });
}

/** The loans an outcome is said of: those every qualifier of the statement picks out, if any loan is. */
function qualified(candidates: CitableProfile[], mentions: Mention[]): CitableProfile[] {
  const qualifiers = mentions.filter((m) => m.fields.some((field) => QUALIFYING.has(field)));
  const picked = candidates.filter((p) => qualifiers.every((q) => holds(p, q)));
  return qualifiers.length && picked.length ? picked : candidates;
}

/** The citations of one statement; `stated` are the mentions of the question (the borrower's figures). */
export function attributeStatement(statement: string, profiles: CitableProfile[], stated: Mention[]): Citation[] {
  if (ASKS.test(statement.trim())) return [];
  const named = namedIds(statement, profiles);
  const candidates = named.size ? profiles.filter((p) => named.has(p.id)) : profiles;
  const mentions = extractMentions(statement).filter((m) => !isTheBorrowers(statement, m, stated));
  const ofOutcomes = new Set(qualified(candidates, mentions).map((p) => p.id));
  const out: Citation[] = [];
  const seen = new Set<string>();
  for (const profile of candidates) {
    for (const mention of mentions) {
      for (const field of mention.fields) {
        if (field === "outcome" && !ofOutcomes.has(profile.id)) continue;
        const raw = valueOf(profile, field);
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
