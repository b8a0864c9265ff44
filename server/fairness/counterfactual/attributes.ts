import type { Slot } from "../audit-set";

/**
 * The protected characteristics an audit swaps (ECOA / Regulation B bases; the keys are the CLI's
 * contract) and the matched controls, which change a detail that should not matter. Each names the
 * persona slots it may change: a variant differing anywhere else is not a clean counterfactual.
 */
export const PROTECTED_ATTRIBUTES = [
  "sex",
  "race_ethnicity",
  "age",
  "marital_status",
  "national_origin",
  "public_assistance",
] as const;
export type ProtectedAttribute = (typeof PROTECTED_ATTRIBUTES)[number];

export const CONTROLS = ["city", "first_name"] as const;
export type Control = (typeof CONTROLS)[number];

export const SLOTS_CHANGED: Record<ProtectedAttribute | Control, readonly Slot[]> = {
  sex: ["firstName", "pronouns"],
  race_ethnicity: ["firstName", "lastName"],
  age: ["age"],
  marital_status: ["maritalStatus"],
  national_origin: ["nationalOrigin"],
  public_assistance: ["publicAssistance"],
  city: ["city"],
  first_name: ["firstName"],
};
