/**
 * First and last names that signal sex and race, from the field experiment the fairness literature
 * reuses: Bertrand, M. & Mullainathan, S. (2004), "Are Emily and Greg More Employable than Lakisha
 * and Jamal? A Field Experiment on Labor Market Discrimination", American Economic Review 94(4),
 * 991–1013. The first names are its nine per sex and race (chosen there because birth records show
 * them overwhelmingly given to White or to African-American babies, and checked by a survey of
 * how readers perceived them); the last names are its White and African-American surnames.
 *
 * The lists are paired by position: the i-th White female name's counterpart of the other sex is the
 * i-th White male name (Emily ↔ Greg, as in the paper's title), its counterpart of the other race is
 * the i-th African-American female name (Emily ↔ Lakisha). A swap therefore moves one characteristic
 * and lands on a fixed, documented name, never a random one.
 */

export const SEXES = ["female", "male"] as const;
export type Sex = (typeof SEXES)[number];

export const RACE_GROUPS = ["white", "black"] as const;
export type RaceGroup = (typeof RACE_GROUPS)[number];

export const FIRST_NAMES: Record<RaceGroup, Record<Sex, readonly string[]>> = {
  white: {
    female: ["Emily", "Anne", "Jill", "Allison", "Laurie", "Sarah", "Meredith", "Carrie", "Kristen"],
    male: ["Greg", "Todd", "Neil", "Geoffrey", "Brett", "Brendan", "Matthew", "Jay", "Brad"],
  },
  black: {
    female: ["Lakisha", "Aisha", "Keisha", "Tamika", "Tanisha", "Latoya", "Kenya", "Latonya", "Ebony"],
    male: ["Jamal", "Rasheed", "Tremayne", "Kareem", "Darnell", "Tyrone", "Hakim", "Leroy", "Jermaine"],
  },
};

export const LAST_NAMES: Record<RaceGroup, readonly string[]> = {
  white: ["Baker", "Kelly", "McCarthy", "Murphy", "Murray", "O'Brien", "Ryan", "Sullivan", "Walsh"],
  black: ["Jackson", "Jones", "Robinson", "Washington", "Williams"],
};

export const PRONOUNS: Record<Sex, string> = { female: "she/her", male: "he/him" };

/** Where a first name sits in the lists: its group and position. */
export function nameGroup(firstName: string): { race: RaceGroup; sex: Sex; index: number } {
  for (const race of RACE_GROUPS) {
    for (const sex of SEXES) {
      const index = FIRST_NAMES[race][sex].indexOf(firstName);
      if (index >= 0) return { race, sex, index };
    }
  }
  throw new Error(`first name ${firstName} is not in the Bertrand & Mullainathan (2004) lists`);
}

/** i-th entry of a list, wrapping around, for lists that a valid index always reaches. */
export function at<T>(list: readonly T[], index: number): T {
  const value = list[((index % list.length) + list.length) % list.length];
  if (value === undefined) throw new Error("at() on an empty list");
  return value;
}
