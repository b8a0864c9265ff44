import { AppError } from "../../errors";
import { emptyCounts, type ConfusionCounts } from "../metrics/counts";
import type { ReportColumns } from "./columns";

/**
 * A bound on distinct group values: a protected attribute has a handful, and a column with
 * thousands (an id, a free-text field) was named by mistake; it would otherwise grow one entry per row.
 */
export const MAX_GROUPS = 1000;

const quoted = (values: readonly string[]) => values.map((value) => `'${value}'`).join(", ");

const bad = (message: string) => new AppError("bad_request", message);

/** What one pass over the rows leaves: counts per actual group value and the outcome coding seen. */
export interface CountedRows {
  rows: number;
  byGroup: Map<string, ConfusionCounts>;
  unfavorable: string | null;
}

/**
 * Counts (label, prediction) pairs per group value, one CSV record at a time: the header first,
 * then rows. Refuses, naming what is wrong, a missing column, an empty or unexpected outcome value
 * and too many groups; `finish` refuses no rows and a privileged value never seen.
 */
export class FairnessAccumulator {
  private indexes: { group: number; label: number; prediction: number } | null = null;
  private readonly byGroup = new Map<string, ConfusionCounts>();
  private unfavorable: string | null;
  private unfavorableFirstRow = 0;
  private rows = 0;

  constructor(private readonly columns: ReportColumns) {
    this.unfavorable = columns.unfavorable ?? null;
    if (columns.unfavorable !== undefined && columns.unfavorable === columns.favorable)
      throw bad(`the favorable and unfavorable values are both '${columns.favorable}'`);
  }

  add(record: readonly string[]): void {
    if (this.indexes === null) this.readHeader(record);
    else this.addRow(record);
  }

  private readHeader(header: readonly string[]): void {
    const find = (role: string, name: string) => {
      const index = header.indexOf(name);
      if (index === -1) throw bad(`no ${role} column '${name}'; the CSV's columns are ${quoted(header)}`);
      return index;
    };
    this.indexes = {
      group: find("group", this.columns.group),
      label: find("label", this.columns.label),
      prediction: find("prediction", this.columns.prediction),
    };
  }

  /** 1 for favorable, 0 for the other outcome; learns the other outcome from its first sight. */
  private outcome(value: string, column: string): 0 | 1 {
    if (value === this.columns.favorable) return 1;
    if (value === this.unfavorable) return 0;
    const row = this.rows + 1;
    if (value === "")
      throw bad(`row ${row}: ${column} is empty (expected '${this.columns.favorable}' or another outcome)`);
    if (this.unfavorable === null) {
      this.unfavorable = value;
      this.unfavorableFirstRow = row;
      return 0;
    }
    const source =
      this.columns.unfavorable !== undefined
        ? "given by --unfavorable"
        : `first seen on row ${this.unfavorableFirstRow}`;
    throw bad(
      `row ${row}: ${column} is '${value}', but the label and prediction columns may hold only two outcomes: ` +
        `the favorable '${this.columns.favorable}' and '${this.unfavorable}' (${source})`,
    );
  }

  private addRow(record: readonly string[]): void {
    const { group: g, label: l, prediction: p } = this.indexes!;
    const group = record[g]!;
    const y = this.outcome(record[l]!, this.columns.label);
    const yHat = this.outcome(record[p]!, this.columns.prediction);
    let counts = this.byGroup.get(group);
    if (counts === undefined) {
      if (this.byGroup.size >= MAX_GROUPS)
        throw bad(
          `the group column '${this.columns.group}' has more than ${MAX_GROUPS} distinct values; ` +
            "name the protected attribute's column, not an id or free text",
        );
      counts = emptyCounts();
      this.byGroup.set(group, counts);
    }
    if (y === 1) {
      if (yHat === 1) counts.tp++;
      else counts.fn++;
    } else if (yHat === 1) counts.fp++;
    else counts.tn++;
    this.rows++;
  }

  finish(): CountedRows {
    if (this.indexes === null) throw bad("the CSV is empty: no header and no rows");
    if (this.rows === 0) throw bad("the CSV has a header but no rows");
    const { privileged, group } = this.columns;
    if (!this.byGroup.has(privileged)) {
      const seen = [...this.byGroup.keys()].sort();
      const shown = seen.length > 20 ? `${quoted(seen.slice(0, 20))}, … (${seen.length} in all)` : quoted(seen);
      throw bad(`the privileged value '${privileged}' never occurs in '${group}'; its values are ${shown}`);
    }
    if (this.byGroup.size < 2)
      throw bad(`every row of '${group}' is the privileged '${privileged}': there is no unprivileged group to compare`);
    return { rows: this.rows, byGroup: this.byGroup, unfavorable: this.unfavorable };
  }
}
