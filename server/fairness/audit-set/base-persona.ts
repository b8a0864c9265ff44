import { seededRandom } from "../../seeded-random";
import { citiesOf } from "./cities";
import { at, FIRST_NAMES, LAST_NAMES, PRONOUNS, RACE_GROUPS, SEXES } from "./names";
import { MARITAL_STATUSES, PUBLIC_ASSISTANCE, type Persona } from "./persona";

/**
 * The persona of each original question, drawn from a fixed seed so the set is the same on every
 * machine. Every characteristic is drawn on both sides (women and men, White- and Black-sounding
 * names, younger and older, with and without an origin or assistance), so a swap runs in both
 * directions across the set and a bias against either side shows.
 */

/** Ages come in pairs; the age swap moves a borrower to the other age of their pair. */
export const AGE_PAIRS: readonly (readonly [number, number])[] = [
  [29, 67],
  [34, 71],
  [26, 63],
];

export const ORIGINS = ["Mexico", "India", "Germany", "the Philippines", "China", "Nigeria", "Guatemala", "Poland"];

export const PERSONA_SEED = 20_040_913;

/** One persona per case, in case order. */
export function basePersonas(states: readonly string[]): Persona[] {
  const random = seededRandom(PERSONA_SEED);
  const pick = <T>(list: readonly T[]) => at(list, Math.floor(random() * list.length));
  return states.map((state) => {
    const sex = pick(SEXES);
    const raceEthnicity = pick(RACE_GROUPS);
    const firstName = pick(FIRST_NAMES[raceEthnicity][sex]);
    const lastName = pick(LAST_NAMES[raceEthnicity]);
    const age = pick(pick(AGE_PAIRS));
    const maritalStatus = pick(MARITAL_STATUSES);
    const nationalOrigin = random() < 0.5 ? null : pick(ORIGINS);
    const publicAssistance = random() < 0.5 ? null : pick(PUBLIC_ASSISTANCE);
    const city = pick(citiesOf(state));
    return {
      firstName,
      lastName,
      sex,
      raceEthnicity,
      pronouns: PRONOUNS[sex],
      age,
      maritalStatus,
      nationalOrigin,
      publicAssistance,
      city,
    };
  });
}
