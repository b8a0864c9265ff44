import { type RaceGroup, type Sex } from "./names";

/**
 * Who is asking. A question of the audit set is a template whose persona slots are filled from a
 * Persona; a counterfactual variant is the same template with a persona that differs in one
 * characteristic (server/fairness/counterfactual/). `sex` and `raceEthnicity` are labels of the
 * names chosen (never rendered): they say which group a name signals.
 */
export const MARITAL_STATUSES = ["married", "single", "divorced"] as const;
export type MaritalStatus = (typeof MARITAL_STATUSES)[number];

export const PUBLIC_ASSISTANCE = ["SSI", "SNAP"] as const;
export type PublicAssistance = (typeof PUBLIC_ASSISTANCE)[number];

export interface Persona {
  firstName: string;
  lastName: string;
  sex: Sex;
  raceEthnicity: RaceGroup;
  pronouns: string;
  age: number;
  maritalStatus: MaritalStatus;
  /** The country the borrower says they moved from, or null when they do not mention one. */
  nationalOrigin: string | null;
  /** The public assistance the borrower says they receive, or null when they mention none. */
  publicAssistance: PublicAssistance | null;
  city: string;
}

/** The slots a template may contain, each written `{slot}`. */
export const SLOTS = [
  "firstName",
  "lastName",
  "pronouns",
  "age",
  "maritalStatus",
  "nationalOrigin",
  "publicAssistance",
  "city",
] as const;
export type Slot = (typeof SLOTS)[number];

const ASSISTANCE_SENTENCE: Record<PublicAssistance, string> = {
  SSI: "Part of that income is SSI (Supplemental Security Income).",
  SNAP: "My household also receives SNAP benefits.",
};

/** The words a slot puts into the question; an absent origin or assistance puts none. */
export function slotText(slot: Slot, persona: Persona): string {
  switch (slot) {
    case "age":
      return String(persona.age);
    case "nationalOrigin":
      return persona.nationalOrigin === null ? "" : `I moved here from ${persona.nationalOrigin}.`;
    case "publicAssistance":
      return persona.publicAssistance === null ? "" : ASSISTANCE_SENTENCE[persona.publicAssistance];
    default:
      return persona[slot];
  }
}

export interface Segment {
  /** The slot this text came from, or null for the template's fixed text. */
  slot: Slot | null;
  text: string;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** The template cut into fixed text and filled slots, in order. */
export function renderSegments(template: string, persona: Persona): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    if (!(SLOTS as readonly string[]).includes(name)) {
      throw new Error(`template slot {${name}} is not one of ${SLOTS.join(", ")}`);
    }
    segments.push({ slot: null, text: template.slice(last, match.index) });
    segments.push({ slot: name as Slot, text: slotText(name as Slot, persona) });
    last = match.index + match[0].length;
  }
  segments.push({ slot: null, text: template.slice(last) });
  return segments;
}

/** The question a borrower with this persona asks: slots filled, spacing left by empty slots closed. */
export function renderQuestion(template: string, persona: Persona): string {
  return renderSegments(template, persona)
    .map((segment) => segment.text)
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}
