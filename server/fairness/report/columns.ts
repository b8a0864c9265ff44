/** Which CSV columns and values a fairness report reads. */
export interface ReportColumns {
  /** The protected attribute's column. */
  group: string;
  /** The group value that is privileged; every other value of the column is unprivileged. */
  privileged: string;
  /** The true outcome's column (y). */
  label: string;
  /** The model's decision's column (ŷ). */
  prediction: string;
  /** The favorable outcome, as written in both the label and the prediction columns. */
  favorable: string;
  /**
   * The one other outcome those columns may hold. Unset: the first other value seen, and any third
   * value is refused (a typo must not quietly count as unfavorable).
   */
  unfavorable?: string;
}
