import { expect, it } from "vitest";
import { observeAdvice } from "@/server/metrics";
import { promtool } from "@/test/promtool";
import { GET } from "./route";

/**
 * What /api/metrics serves, checked by Prometheus's own linter. prom-client's default Node.js
 * metrics carry three names promtool objects to (gauges ending in _total); they are prom-client's
 * to rename, so they are the only problems allowed, and none of ours may join them.
 */
const PROM_CLIENT_DEFAULTS = [
  "apfa_nodejs_active_handles_total",
  "apfa_nodejs_active_requests_total",
  "apfa_nodejs_active_resources_total",
];

it("exports the bias score and flags by release, in names promtool accepts", async () => {
  observeAdvice({ channel: "chat", status: "ok", seconds: 0.2, biasScore: 0.4, flagged: true, release: "9.1.0" });
  observeAdvice({ channel: "api", status: "ok", seconds: 0.1, biasScore: 0.1, flagged: false, release: "9.1.0" });
  // Not delivered: not counted, as the stored trends do not count it.
  observeAdvice({ channel: "api", status: "cancelled", seconds: 0.1, biasScore: 0.9, flagged: true, release: "9.1.0" });
  const text = await (await GET()).text();

  expect(text).toContain("# TYPE apfa_bias_score histogram");
  expect(text).toContain('apfa_bias_score_sum{release="9.1.0"} 0.5');
  expect(text).toContain('apfa_bias_score_count{release="9.1.0"} 2');
  expect(text).toContain('apfa_bias_score_bucket{le="0.3",release="9.1.0"} 1');
  expect(text).toContain("# TYPE apfa_bias_flags_total counter");
  expect(text).toContain('apfa_bias_flags_total{release="9.1.0"} 1');

  const { stdout, stderr } = promtool(["check", "metrics"], text);
  const problems = `${stdout}${stderr}`.split("\n").filter((line) => line.trim() !== "");
  const offending = [...new Set(problems.map((line) => line.split(" ")[0]))].sort();
  expect(offending).toEqual(PROM_CLIENT_DEFAULTS);
});
