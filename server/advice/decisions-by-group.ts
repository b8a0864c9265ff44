import { sql } from "drizzle-orm";
import { getDb } from "../db";
import {
  ATTRIBUTE_LABELS,
  PREFER_NOT_TO_SAY,
  SELF_DECLARED_ATTRIBUTES,
  SELF_DECLARED_OPTIONS,
  type SelfDeclaredAttribute,
} from "../demographics";
import { selectionRates, type GroupCount, type GroupRate } from "../fairness";

/** One attribute's groups within one release: who got a favorable answer, and how often. */
export interface AttributeDecisions {
  attribute: SelfDeclaredAttribute;
  /** "Marital status", and each group's words in `groups[].label`: what the console shows. */
  label: string;
  /** The group the others are compared with (the most favoured); null when no group has an answer. */
  reference: string | null;
  groups: (GroupRate & { label: string })[];
}

export interface ReleaseDecisions {
  release: string;
  attributes: AttributeDecisions[];
}

/**
 * Favorable answers (recommendation `proceed`) against all answers, per release, per
 * self-declared attribute and group, over the stored answers of borrowers who declared that
 * attribute: counts in SQL, ratios in TS (server/fairness/selection-rates.ts). Only answered
 * requests with a label count; "prefer not to say" and unanswered attributes count in no group.
 * A borrower's groups are their current answers, not as they stood when they asked: a profile is
 * stated once, not per question.
 */
export async function decisionsByGroup(): Promise<ReleaseDecisions[]> {
  const result = await getDb().execute<{
    release: string;
    attribute: SelfDeclaredAttribute;
    group: string;
    favorable: number;
    total: number;
  }>(sql`
    select r.release as "release", v.attribute as "attribute", v.value as "group",
      (count(*) filter (where r.recommendation = 'proceed'))::int as "favorable",
      count(*)::int as "total"
    from advice_requests r
    join self_declared_attributes s on s.user_id = r.user_id
    cross join lateral (values
      ('sex', s.sex), ('ethnicity', s.ethnicity), ('race', s.race),
      ('ageBand', s.age_band), ('maritalStatus', s.marital_status)
    ) as v(attribute, value)
    where r.status = 'ok' and r.release is not null and r.recommendation is not null
      and v.value is not null and v.value <> ${PREFER_NOT_TO_SAY}
    group by r.release, v.attribute, v.value`);

  const byRelease = new Map<string, Map<SelfDeclaredAttribute, GroupCount[]>>();
  for (const row of result.rows) {
    const attributes = byRelease.get(row.release) ?? new Map<SelfDeclaredAttribute, GroupCount[]>();
    byRelease.set(row.release, attributes);
    attributes.set(row.attribute, [
      ...(attributes.get(row.attribute) ?? []),
      { group: row.group, favorable: row.favorable, total: row.total },
    ]);
  }
  return [...byRelease.keys()].sort().map((release) => ({
    release,
    attributes: SELF_DECLARED_ATTRIBUTES.flatMap((attribute) => {
      const counts = byRelease.get(release)!.get(attribute);
      if (!counts) return [];
      const { reference, groups } = selectionRates(counts);
      const words: Record<string, string> = SELF_DECLARED_OPTIONS[attribute];
      return [
        {
          attribute,
          label: ATTRIBUTE_LABELS[attribute],
          reference,
          groups: groups.map((g) => ({ ...g, label: words[g.group] ?? g.group })),
        },
      ];
    }),
  }));
}
