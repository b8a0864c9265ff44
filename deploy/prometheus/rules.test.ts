import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { metricsRegistry } from "@/server/metrics";
import { exportedNames, metricNamesIn } from "@/test/promql-names";
import { promtool } from "@/test/promtool";

/**
 * The Prometheus files as Prometheus reads them: `promtool check config` validates prometheus.yml
 * (and the rule files it loads), `promtool check rules` the alert and recording rules, and
 * `promtool test rules` runs tests/*.test.yml, synthetic series with the alerts each must (and
 * must not) raise. promtool is required: a missing one fails here (test/promtool.ts).
 */

const dir = import.meta.dirname;
const read = (file: string) => fs.readFileSync(path.join(dir, file), "utf8");
const testFiles = fs
  .readdirSync(path.join(dir, "tests"))
  .filter((file) => file.endsWith(".test.yml"))
  .map((file) => path.join("tests", file));

/** The alerts of alerts.yml, in order. */
const alertNames = [...read("alerts.yml").matchAll(/^\s*- alert:\s*(\S+)\s*$/gm)].map((m) => m[1]!);

/** Each `expr:` of a rule file: one line, or the indented block under `expr: |`. */
function expressions(text: string): string[] {
  return [...text.matchAll(/^(\s*)expr:\s*(\|)?(.*)\n((?:\1\s+.*\n)*)/gm)].map((m) => (m[2] ? m[4]! : m[3]!).trim());
}

/**
 * The alert_rule_test cases of the test files: which alert each evaluates, and whether it expects
 * the alert firing (some exp_alerts) or not (`exp_alerts: []`). Each case starts at `- eval_time:`.
 */
function alertCases(): { alert: string; firing: boolean; file: string }[] {
  return testFiles.flatMap((file) =>
    read(file)
      .split(/^\s*- eval_time:/m)
      .slice(1)
      .flatMap((block) => {
        const alert = /alertname:\s*(\S+)/.exec(block)?.[1];
        const expected = /exp_alerts:\s*(\[\])?/.exec(block);
        return alert && expected ? [{ alert, firing: expected[1] === undefined, file }] : [];
      }),
  );
}

describe("deploy/prometheus", () => {
  it("prometheus.yml passes promtool check config, loading both rule files", () => {
    const result = promtool(["check", "config", path.join(dir, "prometheus.yml")]);
    expect(result.code, `${result.stdout}${result.stderr}`).toBe(0);
    expect(result.stdout).toContain("SUCCESS: 2 rule files found");
    const config = read("prometheus.yml");
    // The alert rules select on these job names.
    expect(config).toMatch(/job_name: apfa-web\n\s+metrics_path: \/api\/metrics/);
    expect(config).toMatch(/job_name: apfa-worker\n\s+metrics_path: \/metrics/);
  });

  it("alerts.yml and recording-rules.yml pass promtool check rules", () => {
    const result = promtool(["check", "rules", path.join(dir, "alerts.yml"), path.join(dir, "recording-rules.yml")]);
    expect(result.stderr).toBe("");
    expect(result.code, result.stdout).toBe(0);
  });

  it("the rules pass their promtool unit tests", () => {
    expect(testFiles.length).toBeGreaterThanOrEqual(5);
    const result = promtool(["test", "rules", ...testFiles.map((file) => path.join(dir, file))]);
    expect(result.code, `${result.stdout}${result.stderr}`).toBe(0);
    expect(result.stdout.match(/SUCCESS/g)).toHaveLength(testFiles.length);
  });

  it("every alert has a unit test where it fires and one where it does not", () => {
    expect(alertNames).toHaveLength(12);
    const cases = alertCases();
    const missing = alertNames.flatMap((alert) =>
      [true, false]
        .filter((firing) => !cases.some((c) => c.alert === alert && c.firing === firing))
        .map((firing) => `${alert} (${firing ? "firing" : "not firing"})`),
    );
    expect(missing).toEqual([]);
    // And no test evaluates an alert that does not exist (promtool would pass it vacuously).
    expect(cases.filter((c) => !alertNames.includes(c.alert))).toEqual([]);
  });

  it("every alert's runbook annotation links a section of docs/operations.md, which lists every product metric", () => {
    const docs = fs.readFileSync(path.join(dir, "..", "..", "docs", "operations.md"), "utf8");
    // GitHub's anchors: lower case, punctuation dropped, spaces as hyphens.
    const anchors = new Set(
      [...docs.matchAll(/^#+\s+(.+)$/gm)].map((m) =>
        m[1]!
          .toLowerCase()
          .replace(/[^\p{L}\p{N}\s_-]/gu, "")
          .replace(/\s/g, "-"),
      ),
    );
    const runbooks = [...read("alerts.yml").matchAll(/^\s*runbook:\s*docs\/operations\.md#(\S+)\s*$/gm)].map(
      (m) => m[1]!,
    );
    expect(runbooks).toHaveLength(alertNames.length);
    expect(runbooks.filter((anchor) => !anchors.has(anchor))).toEqual([]);
    const documented = new Set([...docs.matchAll(/^\| `(apfa_\w+)`/gm)].map((m) => m[1]!));
    const own = metricsRegistry()
      .getMetricsAsArray()
      .map((metric) => (metric as unknown as { name: string }).name)
      .filter((name) => !/^apfa_(process|nodejs)_/.test(name));
    expect(own.filter((name) => !documented.has(name))).toEqual([]);
  });

  it("the rules read only metrics the product exports", () => {
    const exported = exportedNames();
    const exprs = [...expressions(read("alerts.yml")), ...expressions(read("recording-rules.yml"))];
    expect(exprs).toHaveLength(alertNames.length + 1);
    const unknown = exprs.flatMap((expr) => metricNamesIn(expr).filter((name) => !exported.has(name)));
    expect(unknown).toEqual([]);
  });
});
