import { describe, expect, it } from "vitest";
import { exportedNames, metricNamesIn, recordingRuleNames } from "./promql-names";

describe("metricNamesIn", () => {
  it("finds the metrics of an expression, not its functions, labels, ranges or numbers", () => {
    expect(
      metricNamesIn(`histogram_quantile(0.95, sum by (release, le) (rate(apfa_response_time_seconds_bucket{status="ok", route=~"/api/.*"}[$__rate_interval])))
        > 10 and on (release) sum by (release) (increase(apfa_response_time_seconds_count[10m] offset 7d)) >= 2e3`),
    ).toEqual(["apfa_response_time_seconds_bucket", "apfa_response_time_seconds_count"]);
    expect(metricNamesIn("up{job='apfa-worker'} == 0 or absent(up)")).toEqual(["up"]);
    expect(metricNamesIn("sum without (instance) (apfa_a) / ignoring(x) group_left apfa_b unless apfa_c")).toEqual([
      "apfa_a",
      "apfa_b",
      "apfa_c",
    ]);
  });
});

describe("exportedNames", () => {
  it("has each histogram's series, the recording rules and up", () => {
    const names = exportedNames();
    for (const name of [
      "apfa_response_time_seconds_bucket",
      "apfa_response_time_seconds_count",
      "apfa_index_vectors",
      "apfa_index_vector_count",
      "apfa_process_cpu_seconds_total",
      "up",
    ])
      expect(names.has(name), name).toBe(true);
    expect(recordingRuleNames()).toEqual(["apfa_index_vector_count"]);
  });
});
