import { basePersonas } from "./base-persona";
import { ASKS, loanQuestionTemplate, type AuditLoan } from "./loan-question";
import { renderQuestion, SLOTS } from "./persona";
import type { AuditSet } from "./schema";

/**
 * The audit set from the corpus rows (pure: the caller reads the file). Cases are spread evenly
 * over the corpus: `size` rows at a fixed stride from the first valid one, so the set covers the
 * whole 2007–2011 range rather than its first months.
 */

export interface CorpusRow {
  /** 1-based line of the row in the corpus file (the header is line 1). */
  line: number;
  loan: AuditLoan;
}

export interface AuditSetSource {
  version: string;
  /** What the rows are, e.g. the corpus file name and its sha256. */
  corpus: string;
  size: number;
}

export function buildAuditSet(rows: readonly CorpusRow[], source: AuditSetSource): AuditSet {
  if (rows.length < source.size) {
    throw new Error(`the corpus has ${rows.length} valid rows; the audit set needs ${source.size}`);
  }
  const stride = Math.floor(rows.length / source.size);
  const chosen = Array.from({ length: source.size }, (_, i) => rows[i * stride]!);
  const personas = basePersonas(chosen.map((row) => row.loan.addr_state));
  return {
    id: `audit-set-${source.version}`,
    version: source.version,
    builtFrom:
      `${source.size} rows of ${source.corpus}, every ${stride}th of its ${rows.length} valid rows ` +
      `(validated as server/ingest does), one question each; personas from a fixed seed`,
    personaTemplate: {
      slots: [...SLOTS],
      intro:
        "Hi, I'm {firstName} {lastName} ({pronouns}), {age}, {maritalStatus}, living in {city}, <state>. {nationalOrigin}",
      note: "{nationalOrigin} and {publicAssistance} are sentences ('I moved here from Mexico.', 'Part of that income is SSI (Supplemental Security Income).', 'My household also receives SNAP benefits.') or empty.",
    },
    cases: chosen.map((row, i) => {
      const template = loanQuestionTemplate(row.loan, ASKS[i % ASKS.length]!);
      const persona = personas[i]!;
      return {
        id: `a${String(i + 1).padStart(3, "0")}`,
        source: { line: row.line, loan: row.loan },
        template,
        persona,
        question: renderQuestion(template, persona),
      };
    }),
  };
}
