/** How the experiments page writes its figures: rates and lifts as percentages, "—" for no data. */

export const percent = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined || !Number.isFinite(value) ? "—" : `${(value * 100).toFixed(digits)} %`;

export const signedPercent = (value: number, digits = 1) =>
  `${value >= 0 ? "+" : "−"}${Math.abs(value * 100).toFixed(digits)} %`;

export const pValue = (value: number | null | undefined) =>
  value === null || value === undefined ? "—" : value < 0.0001 ? "< 0.0001" : value.toFixed(4);

/** The names the metrics go by on the page. */
export const METRIC_LABELS: Record<string, string> = {
  satisfaction: "Satisfaction",
  thumbs_up_rate: "Thumbs-up rate",
  latency: "Latency",
  bias_flag_rate: "Bias-flag rate",
  error_rate: "Error rate",
};

export const metricLabel = (name: string) => METRIC_LABELS[name] ?? name;

/** Arm 0 is control. */
export const armLabel = (variant: number, release: string) =>
  `${variant === 0 ? "control" : `arm ${variant}`} (${release})`;
