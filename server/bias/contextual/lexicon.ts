import type { BiasCategory } from "../types";

/**
 * What v2 recognises: protected characteristics (ECOA's prohibited bases, 12 CFR 1002.2(z), and
 * the Fair Housing Act's disability and familial status) and proxies that stand in for them. Each
 * pattern carries its own exclusions for the financial senses of the same words ("the age of the
 * account", "a single payment", "in the black", "a senior lien"). `group` says what a stereotype can
 * generalise over with the term: the people it names ("immigrants usually …"), a place standing for
 * its people ("that part of town has a lot of defaults"), or a program, which only its recipients
 * make a group ("SSI recipients often …", not "unemployment benefits usually last a few months").
 */
export type GroupForm = "people" | "place" | "program";

export interface LexiconEntry {
  category: BiasCategory;
  kind: "protected" | "proxy";
  pattern: RegExp;
  group?: GroupForm;
}

const PEOPLE_WORDS =
  "people|persons?|borrowers?|applicants?|customers?|clients?|folks|families|households?|homeowners?|buyers?|individuals|workers|women|men|couples|residents|communit(?:y|ies)|neighbou?rhoods?|areas?";
const PEOPLE = `(?:${PEOPLE_WORDS})`;
/** The same words, capitalised or not, for the case-sensitive patterns (which keep place names capitalised). */
const EITHER_CASE = (words: string) =>
  words
    .split("|")
    .map((w) => `[${w[0]!.toLowerCase()}${w[0]!.toUpperCase()}]${w.slice(1)}`)
    .join("|");

const US_STATES = [
  "Alabama",
  "Alaska",
  "Arizona",
  "Arkansas",
  "California",
  "Colorado",
  "Connecticut",
  "Delaware",
  "Florida",
  "Georgia",
  "Hawaii",
  "Idaho",
  "Illinois",
  "Indiana",
  "Iowa",
  "Kansas",
  "Kentucky",
  "Louisiana",
  "Maine",
  "Maryland",
  "Massachusetts",
  "Michigan",
  "Minnesota",
  "Mississippi",
  "Missouri",
  "Montana",
  "Nebraska",
  "Nevada",
  "New Hampshire",
  "New Jersey",
  "New Mexico",
  "New York",
  "North Carolina",
  "North Dakota",
  "Ohio",
  "Oklahoma",
  "Oregon",
  "Pennsylvania",
  "Rhode Island",
  "South Carolina",
  "South Dakota",
  "Tennessee",
  "Texas",
  "Utah",
  "Vermont",
  "Virginia",
  "Washington State",
  "West Virginia",
  "Wisconsin",
  "Wyoming",
  "Puerto Rico",
];

/** Countries and their demonyms most often named by US borrowers; capitalised only (so "polish" the verb is not Polish). */
const ORIGINS = [
  "Mexic(?:o|an)",
  "Guatemala(?:n)?",
  "Hondura(?:s|n)",
  "El Salvador|Salvadoran",
  "Cuba(?:n)?",
  "Dominican",
  "Haiti(?:an)?",
  "Colombia(?:n)?",
  "Venezuela(?:n)?",
  "Brazil(?:ian)?",
  "India(?!na)|Indian",
  "Pakistan(?:i)?",
  "Bangladesh(?:i)?",
  "China|Chinese",
  "Vietnam(?:ese)?",
  "Philippines|Filipin[oa]",
  "Korea(?:n)?",
  "Japan(?:ese)?",
  "Nigeria(?:n)?",
  "Ghana(?:ian)?",
  "Ethiopia(?:n)?",
  "Somali(?:a)?",
  "Kenya(?:n)?",
  "Egypt(?:ian)?",
  "Ira[nq](?:ian|i)?",
  "Syria(?:n)?",
  "Afghan(?:istan)?",
  "Russia(?:n)?",
  "Ukrain(?:e|ian)",
  "Poland|Polish",
  "German(?:y)?",
  "Ireland|Irish",
  "Ital(?:y|ian)",
];

/**
 * First names that audit studies use because readers take them to signal race, sex or origin
 * (Bertrand & Mullainathan 2004 for Black and White names; common Hispanic, Asian and Arabic
 * names besides). A name alone is only ever a mention; it conditions when the advice talks about it.
 */
const NAMES = [
  "Lakisha",
  "Aisha",
  "Keisha",
  "Tamika",
  "Tanisha",
  "Latoya",
  "Latonya",
  "Ebony",
  "Jamal",
  "Rasheed",
  "Tremayne",
  "Kareem",
  "Darnell",
  "Tyrone",
  "Hakim",
  "Leroy",
  "Jermaine",
  "DeShawn",
  "Emily",
  "Greg",
  "Brendan",
  "Jos[eé]",
  "Juan",
  "Carlos",
  "Guadalupe",
  "Alejandro",
  "Javier",
  "Maria",
  "Mohammed",
  "Muhammad",
  "Ahmed",
  "Fatima",
  "Omar",
  "Priya",
  "Rajesh",
  "Wei",
  "Nguyen",
  "Hernandez",
  "Garcia",
  "Rodriguez",
  "Patel",
  "Singh",
];

const alternation = (words: string[]) => words.join("|");

export const LEXICON: LexiconEntry[] = [
  // ---- protected characteristics
  {
    category: "age",
    kind: "protected",
    group: "people",
    pattern: new RegExp(
      [
        // "age" as the person's: not "the age of the account", "average age", "credit age".
        String.raw`(?<!(?:credit|account|average|loan|vehicle|car|card|file|history)\s)\bages?\b(?!\s+of\s+(?:the|your|an?|their|its)\s+(?:account|loan|card|credit|car|vehicle|home|house|debt|oldest|accounts|history|file))`,
        String.raw`\b\d{2}[- ]years?[- ]olds?\b`,
        String.raw`\baged?\s+\d{2}\b`,
        String.raw`\b\d{2}\s+(?:or|and)\s+(?:older|over|up|above|younger|under)\b`,
        // "at 62" but not "at 36 months", "at 12%", "capped at 36", "30 days late".
        String.raw`(?<!(?:capped|cap|limited|set|fixed|priced|rate|APR|up)\s)\bat\s+(?:1[89]|[2-9]\d)\b(?!\s*(?:%|percent|months?|days?|years?\b|mos?\b|-month|-year|k\b|,\d|\.\d))`,
        String.raw`\b(?:you're|you are|i'm|i am|im)\s+(?:1[89]|[2-9]\d)\b(?!\s*(?:%|percent|months?|days?|years? (?:into|late)))`,
        String.raw`\bin (?:your|my|their|his|her) (?:early |mid[- ]|late )?(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|[2-9]0s)\b`,
        String.raw`\b(?:near|nearing|close to|approaching|about to|on the verge of|heading into|so close to)\s+retir(?:e|ement|ing)\b`,
        String.raw`\bretir(?:ees?|ed)\b`,
        String.raw`\b(?:elderly|seniors|senior citizens?|teenagers?|millennials?|boomers?|gen z)\b`,
        String.raw`\b(?:young|younger|old|older|aging|ageing|middle-aged|elderly)\s+${PEOPLE}`,
        String.raw`\b(?:young|old) (?:people|folks|man|woman)\b`,
        String.raw`\bgolden years\b`,
        String.raw`\bworking (?:years|life)\b|\bpast (?:your|their|his|her) prime\b|\b(?:retirement|old) age\b`,
      ].join("|"),
      "gi",
    ),
  },
  {
    category: "marital_status",
    kind: "protected",
    group: "people",
    pattern: new RegExp(
      [
        String.raw`\bmarital status\b`,
        String.raw`\b(?:married|unmarried|divorced|divorcee|widowed|widows?|widowers?|spouses?|husbands?|wives|wife|fianc[eé]e?|newlyweds?|domestic partners?)\b`,
        String.raw`\b(?:legally )?separated\b(?=\s+(?:from|borrowers|people|applicants|spouses|couples))|\b(?:you're|you are|i'm|i am|being|recently) separated\b`,
        // "single" only of a person: never "a single payment", "single-family", "single-digit".
        String.raw`\bsingle\b(?=[- ](?:mothers?|moms?|mums?|fathers?|dads?|parents?|ladies|guys|${PEOPLE_WORDS}|earners?|renters?)\b)`,
        String.raw`\b(?:you're|you are|i'm|i am|being|if you're|as a|still|stay(?:ing)?)\s+single\b(?![- ](?:payment|family|digit|step|loan|income))`,
      ].join("|"),
      "gi",
    ),
  },
  {
    category: "sex_or_gender",
    kind: "protected",
    group: "people",
    pattern:
      /\b(?:gender|(?<!same[- ])sex|females?|males?|wom[ae]n|m[ae]n|ladies|lady|girls?|guys?|gals?|mothers?|moms?|mums?|fathers?|dads?|daughters?|sons?)\b(?![- ](?:hours?|made|power))/gi,
  },
  {
    category: "sex_or_gender",
    kind: "proxy",
    // Pronouns: who the advice is about, which a neutral answer to "you" never needs.
    pattern: /\b(?:she|her|hers|herself|he|him|his|himself)\b/gi,
  },
  {
    category: "race_or_color",
    kind: "protected",
    group: "people",
    pattern: new RegExp(
      [
        String.raw`\b(?:race|racial|ethnicity|ethnic|hispanics?|latin[oax]s?|latin american|asians?(?:[- ]americans?)?|african[- ]americans?|caucasians?|people of colou?r|minorit(?:y|ies)|native americans?|indigenous|pacific islanders?)\b`,
        // "black" and "white" of people only: not "in the black", "white-label", "white paper".
        String.raw`\b(?:black|white)\b(?=[- ]${PEOPLE}|[- ](?:americans?|m[ae]n|wom[ae]n|families|folks)\b)`,
        String.raw`\b(?:you're|you are|i'm|i am|being|as a)\s+(?:black|white)\b`,
      ].join("|"),
      "gi",
    ),
  },
  {
    category: "national_origin",
    kind: "protected",
    group: "people",
    pattern: new RegExp(
      [
        String.raw`\b(?:national origin|nationality|nationalities|immigrants?|immigration status|foreign[- ]born|foreigners?|non-?citizens?|citizenship|green card(?: holders?)?|visa holders?|undocumented|refugees?|asylum seekers?|country of origin|born (?:abroad|outside (?:the US|the United States|this country)))\b`,
        String.raw`\b(?:newcomers?|new arrivals?|new|newly arrived|recently arrived) (?:to|in) (?:this|the) country\b`,
        String.raw`\b(?:haven't|have not|hasn't|has not) (?:been|lived) (?:in )?(?:this|the) country\b`,
      ].join("|"),
      "gi",
    ),
  },
  {
    category: "national_origin",
    kind: "protected",
    group: "people",
    pattern: new RegExp(String.raw`\b(?:${alternation(ORIGINS)})\b`, "g"),
  },
  {
    category: "religion",
    kind: "protected",
    group: "people",
    pattern:
      /\b(?:religion|religious|(?<!good )faith|christians?|muslims?|islam(?:ic)?|jewish|jews?|hindus?|buddhists?|sikhs?|mormons?|catholics?|protestants?|evangelicals?|atheists?|church|mosque|synagogue|temple|sharia(?:-compliant)?)\b/gi,
  },
  {
    category: "sexual_orientation",
    kind: "protected",
    group: "people",
    pattern:
      /\b(?:sexual orientation|gender identity|gay|lesbians?|bisexual|transgender|queer|lgbt\w*|same[- ]sex|non-?binary)\b/gi,
  },
  {
    category: "disability",
    kind: "protected",
    group: "people",
    pattern:
      /\b(?:disabled|disabilit(?:y|ies)|handicap(?:ped)?|wheelchair(?: users?)?|blind|deaf|impairments?|chronic (?:illness|condition|pain)|medical conditions?|mental (?:illness|health conditions?)|health (?:problems|issues|conditions?)|illness(?:es)?|autis(?:m|tic))\b/gi,
  },
  {
    category: "familial_status",
    kind: "protected",
    group: "people",
    pattern:
      /\b(?:pregnan(?:t|cy)|maternity|paternity|familial status|family size|children|child(?![- ](?:support|care|tax))|kids?|bab(?:y|ies)|toddlers?|(?:stay|work)[- ]at[- ]home (?:moms?|dads?|parents?|mothers?|fathers?)|single[- ]parents?|expecting a (?:baby|child)|twins|triplets|(?:baby|child|kid) on the way|mouths to feed)\b/gi,
  },
  {
    category: "public_assistance",
    kind: "protected",
    group: "program",
    pattern:
      /\b(?:public assistance|welfare|food stamps|medicaid|section 8|housing (?:vouchers?|assistance)|government (?:assistance|benefits|aid|checks?)|benefits recipients?|on benefits|disability (?:benefits|payments|checks?)|social security(?! numbers?)(?: income| benefits| checks?| payments)?|unemployment (?:benefits|compensation|insurance))\b/gi,
  },
  {
    category: "public_assistance",
    kind: "protected",
    group: "program",
    // Acronyms in capitals only ("a snap decision" is not SNAP).
    pattern: /\b(?:SNAP(?: benefits)?|EBT|SSI|SSDI|TANF|WIC)\b/g,
  },
  // ---- proxies
  {
    category: "geographic_proxy",
    kind: "proxy",
    group: "place",
    pattern: new RegExp(
      [
        String.raw`\b(?:zip|postal)(?:[- ]?codes?)?\b`,
        String.raw`\b\d{3}xx\b`,
        String.raw`(?<=\b(?:in|from|around|near)\s)\d{5}\b(?!\s*(?:%|dollars|months|\$))`,
        String.raw`\bneighbou?rhoods?\b`,
        String.raw`\b(?:part|side|end) of (?:town|the city)\b`,
        String.raw`\binner[- ]city\b|\bthe projects\b|\bghetto\b|\bbarrio\b`,
        String.raw`\bwhere you live\b`,
        String.raw`\byour (?:area|state|city|town|region|county|block|street|district)\b`,
      ].join("|"),
      "gi",
    ),
  },
  {
    category: "geographic_proxy",
    kind: "proxy",
    group: "place",
    // Case-sensitive: states and places are capitalised, which keeps "in the black" and "from Monday" out.
    pattern: new RegExp(
      [
        String.raw`\b(?:${alternation(US_STATES)})\b`,
        // Named places held against the people in them ("borrowers from Detroit", "loans in the Bronx").
        String.raw`\b(?:${EITHER_CASE(`${PEOPLE_WORDS}|loans?`)}) (?:in|from) (?:the )?[A-Z][a-z]+(?: [A-Z][a-z]+)?`,
      ].join("|"),
      "g",
    ),
  },
  {
    category: "language_proxy",
    kind: "proxy",
    group: "people",
    pattern:
      /\b(?:english proficiency|limited english|(?:first|second|native) language|native speakers?|non-english|accents?|speaks? (?:spanish|chinese|english|vietnamese|korean|arabic|tagalog)|english (?:isn't|is not|as a second))\b/gi,
  },
  {
    category: "name_proxy",
    kind: "proxy",
    group: "people",
    pattern:
      /\b(?:names? (?:like|such as)|(?:foreign|ethnic|black|hispanic|african|asian|muslim|arabic|white)[- ]sounding(?: names?)?|your (?:last |first |family )?name)\b/gi,
  },
  {
    category: "name_proxy",
    kind: "proxy",
    pattern: new RegExp(String.raw`\b(?:${alternation(NAMES)})\b`, "g"),
  },
];

/**
 * Phrases that point at the borrower's group without naming it. They become findings only when
 * the answer generalises or recommends with them and cites no figure of the loan (a "borrowers
 * like you with a 38% ratio" is about the ratio).
 */
export const GROUP_REFERENCE =
  /\b(?:(?:people|borrowers|applicants|folks|those|others|someone|somebody|anyone|customers|women|men|families|guys|kids|retirees|seniors) like you|(?:someone|people|anyone|borrowers) in your (?:shoes|situation|position|circumstances)|your (?:kind|type|people|background|community|culture|heritage|roots|demographic|crowd)|(?:this|that|your) stage of life)\b/gi;
