export function formatDate(value: Date | string | number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return new Date(value).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}

export function formatNumber(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined ? "—" : value.toLocaleString("en-US", { maximumFractionDigits: digits });
}
