/** One colour per arm (control first), distinguishable in both themes and for common colour blindness (Okabe–Ito). */
export const ARM_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

export const armColor = (variant: number) => ARM_COLORS[variant % ARM_COLORS.length]!;

/** Lift bars: better than control, worse, or an interval that still includes no change. */
export const VERDICT_COLORS = { better: "#009E73", worse: "#D55E00", unclear: "#9CA3AF" } as const;
