import path from "node:path";
import { expect, it } from "vitest";
import { promtool } from "@/test/promtool";

/**
 * The alert rules as Prometheus reads them: `promtool check rules` validates alerts.yml, and
 * `promtool test rules` runs tests/*.test.yml, synthetic series with the alerts each must (and
 * must not) raise. promtool is required: a missing one fails here (test/promtool.ts).
 */

const dir = import.meta.dirname;

it("alerts.yml passes promtool check rules", () => {
  const result = promtool(["check", "rules", path.join(dir, "alerts.yml")]);
  expect(result.stderr).toBe("");
  expect(result.code, result.stdout).toBe(0);
});

it("the alert rules pass their promtool unit tests", () => {
  const result = promtool(["test", "rules", path.join(dir, "tests", "bias-alerts.test.yml")]);
  expect(result.code, `${result.stdout}${result.stderr}`).toBe(0);
  expect(result.stdout).toContain("SUCCESS");
});
