/** The explicit answer when a figure cannot be computed from the data, instead of NaN or Infinity. */
export interface NotEnoughData {
  status: "not-enough-data";
  reason: string;
}

export function notEnoughData(reason: string): NotEnoughData {
  return { status: "not-enough-data", reason };
}
