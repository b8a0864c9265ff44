import { attributeStatement } from "./attribute";
import { extractMentions } from "./mentions";
import { splitStatements } from "./split";
import type { CitableProfile, CitedStatement, ReasonsTrail } from "./types";

export interface TrailInput {
  /** The advice as sent: the whole answer, or what was streamed before a Stop or a failure. */
  advice: string;
  question: string;
  /** The retrieved profiles the advice was written from. */
  profiles: CitableProfile[];
  /**
   * The statements an advisor reported with what it wrote each from (the grounded advisor), in
   * the order written; absent for free-text analyzers, whose advice is attributed by matching.
   */
  generated?: CitedStatement[];
}

/**
 * The trail of what was sent. Generated statements are kept when the sent advice holds them (a
 * Stop can land after a statement was reported and before its text went out), and cite only
 * retrieved profiles; free text is split into statements and each attributed by matching.
 */
export function reasonsTrail({ advice, question, profiles, generated }: TrailInput): ReasonsTrail {
  const retrieved = new Set(profiles.map((p) => p.id));
  if (generated) {
    let from = 0;
    const statements: CitedStatement[] = [];
    for (const { statement, citations } of generated) {
      const at = advice.indexOf(statement, from);
      if (at < 0) continue;
      from = at + statement.length;
      statements.push({ statement, citations: citations.filter((c) => retrieved.has(c.profileId)) });
    }
    return { method: "generation", statements };
  }
  const stated = extractMentions(question);
  return {
    method: "matching",
    statements: splitStatements(advice).map((statement) => ({
      statement,
      citations: attributeStatement(statement, profiles, stated),
    })),
  };
}
