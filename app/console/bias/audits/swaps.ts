import type { Swap } from "./types";

/** The six protected attributes an audit scores, in the order the issue (and the CLI's JSON) lists them. */
export const ATTRIBUTES = [
  "sex",
  "race_ethnicity",
  "age",
  "marital_status",
  "national_origin",
  "public_assistance",
] as const satisfies readonly Swap[];

/** The matched controls: irrelevant details whose disparity is every attribute's baseline. */
export const CONTROLS = ["city", "first_name"] as const satisfies readonly Swap[];

export const SWAP_LABELS: Record<Swap, string> = {
  sex: "Sex",
  race_ethnicity: "Race and ethnicity",
  age: "Age",
  marital_status: "Marital status",
  national_origin: "National origin",
  public_assistance: "Public assistance",
  city: "Control: city",
  first_name: "Control: first name",
};
