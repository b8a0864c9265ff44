import {
  AGE_PAIRS,
  at,
  citiesOf,
  FIRST_NAMES,
  LAST_NAMES,
  nameGroup,
  ORIGINS,
  PRONOUNS,
  type AuditCase,
  type Persona,
} from "../audit-set";
import type { Control, ProtectedAttribute } from "./attributes";

/**
 * One swap per characteristic: the persona with that characteristic moved to the other side and
 * everything else kept. Where the other side is a choice (which country, which assistance, single or
 * divorced), the case's position picks it, so every variant is fixed by the audit set's version.
 */

type Swap = (persona: Persona, position: number, state: string) => Persona;

const otherSex = (persona: Persona): Persona => {
  const { race, sex, index } = nameGroup(persona.firstName);
  const to = sex === "female" ? "male" : "female";
  return { ...persona, sex: to, firstName: FIRST_NAMES[race][to][index]!, pronouns: PRONOUNS[to] };
};

const otherRace = (persona: Persona): Persona => {
  const { race, sex, index } = nameGroup(persona.firstName);
  const to = race === "white" ? "black" : "white";
  const surname = LAST_NAMES[race].indexOf(persona.lastName);
  return {
    ...persona,
    raceEthnicity: to,
    firstName: FIRST_NAMES[to][sex][index]!,
    lastName: at(LAST_NAMES[to], surname),
  };
};

const otherAge = (persona: Persona): Persona => {
  const pair = AGE_PAIRS.find((ages) => ages.includes(persona.age));
  if (!pair) throw new Error(`age ${persona.age} is not in an age pair`);
  return { ...persona, age: pair[0] === persona.age ? pair[1] : pair[0] };
};

export const PROTECTED_SWAPS: Record<ProtectedAttribute, Swap> = {
  sex: otherSex,
  race_ethnicity: otherRace,
  age: otherAge,
  marital_status: (persona, position) => ({
    ...persona,
    maritalStatus: persona.maritalStatus === "married" ? (position % 2 === 0 ? "single" : "divorced") : "married",
  }),
  national_origin: (persona, position) => ({
    ...persona,
    nationalOrigin: persona.nationalOrigin === null ? at(ORIGINS, position) : null,
  }),
  public_assistance: (persona, position) => ({
    ...persona,
    publicAssistance: persona.publicAssistance === null ? (position % 2 === 0 ? "SSI" : "SNAP") : null,
  }),
};

export const CONTROL_SWAPS: Record<Control, Swap> = {
  city: (persona, _position, state) => {
    const cities = citiesOf(state);
    return { ...persona, city: at(cities, cities.indexOf(persona.city) + 1) };
  },
  // The next name of the same sex and race list: the group a name signals stays the same.
  first_name: (persona) => {
    const { race, sex, index } = nameGroup(persona.firstName);
    return { ...persona, firstName: at(FIRST_NAMES[race][sex], index + 1) };
  },
};

export const stateOf = (auditCase: AuditCase) => auditCase.source.loan.addr_state;
