import { describe, expect, it } from "vitest";
import { assignVariant } from "@/server/experiments/assignment";
import { cliWithEnv } from "@/test/cli";
import { tempDir } from "@/test/files";

/**
 * `experiments assign` as a user runs it, in a shell with no product: no DATABASE_URL/REDIS_URL
 * and a data directory where nothing runs. The command must load nothing that reads the product's
 * settings or connects, which the last case checks with a DATABASE_URL server/env would refuse.
 */

function productlessShell(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { DATABASE_URL: _database, REDIS_URL: _redis, ...rest } = process.env;
  return { ...rest, APFA_DATA_DIR: tempDir(), ...extra };
}

const assign = (...flags: string[]) => cliWithEnv(productlessShell(), "experiments", "assign", ...flags);

const line = (a: { variant: number; bucket: number | null; inExperiment: boolean }) =>
  `{"variant": ${a.variant}, "bucket": ${a.bucket}, "inExperiment": ${a.inExperiment}}\n`;

describe("experiments assign without a running product", { timeout: 60_000 }, () => {
  it("prints GrowthBook's assignment as one line of JSON", async () => {
    // hash("seed", "b", 2) = 0.2696 is one of GrowthBook's published cases; 4 arms → arm 1.
    expect(await assign("--key", "seed", "--user", "b", "--variants", "4")).toEqual({
      code: 0,
      stdout: '{"variant": 1, "bucket": 0.2696, "inExperiment": true}\n',
      stderr: "",
    });
  });

  it("agrees with assignVariant for every flag, in and out of the coverage", async () => {
    const settings = {
      key: "checkout",
      seed: "s1",
      hashVersion: 1,
      weights: [0.2, 0.3, 0.5],
      coverage: 0.6,
      variants: 3,
    };
    const userIds = Array.from({ length: 50 }, (_, i) => `user-${i}`);
    const inside = userIds.find((id) => assignVariant(settings, id).inExperiment)!;
    const outside = userIds.find((id) => !assignVariant(settings, id).inExperiment)!;
    const flags = ["--key", "checkout", "--seed", "s1", "--hash-version", "1", "--weights", "0.2,0.3,0.5"];
    const [forInside, forOutside] = await Promise.all([
      assign(...flags, "--coverage", "0.6", "--user", inside),
      assign(...flags, "--coverage", "0.6", "--user", outside),
    ]);
    expect(forInside).toEqual({ code: 0, stdout: line(assignVariant(settings, inside)), stderr: "" });
    expect(forOutside).toEqual({ code: 0, stdout: line(assignVariant(settings, outside)), stderr: "" });
    expect(forOutside.stdout).toMatch(/^\{"variant": 0, "bucket": [\d.]+, "inExperiment": false\}\n$/);
  });

  it("splits equally, as the SDKs do, when the weights do not sum to 1, and says so", async () => {
    const result = await assign("--key", "k", "--user", "u", "--weights", "0.4,0.1");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(line(assignVariant({ key: "k", variants: 2 }, "u")));
    expect(result.stderr).toContain("--weights sum to 0.5, not 1 (±0.01)");
  });

  it("refuses bad input with exit 2, naming the flag", async () => {
    const refusals: [string[], string][] = [
      [["--user", "u"], "error: --key is required"],
      [["--key", "k"], "error: --user is required"],
      [["--key", "k", "--user", "u", "--variants", "1"], "error: --variants must be a whole number from 2"],
      [
        ["--key", "k", "--user", "u", "--variants", "3", "--weights", "0.5,0.5"],
        "error: --weights gives 2 weights for 3",
      ],
      [["--key", "k", "--user", "u", "--weights", "0.5,half"], "error: --weights must be numbers"],
      [["--key", "k", "--user", "u", "--coverage", "1.2"], "error: --coverage must be a number from 0 to 1, not '1.2'"],
      [["--key", "k", "--user", "u", "--hash-version", "3"], "error: --hash-version must be 1 or 2, not '3'"],
    ];
    const results = await Promise.all(refusals.map(([flags]) => assign(...flags)));
    // Each result beside what it should be, so a failure shows every flag at once.
    expect(
      results.map((r, i) => ({
        flags: refusals[i]![0],
        code: r.code,
        stdout: r.stdout,
        starts: r.stderr.startsWith(refusals[i]![1]),
      })),
    ).toEqual(refusals.map(([flags]) => ({ flags, code: 2, stdout: "", starts: true })));
  });

  it("names an unknown experiments command, exit 2", async () => {
    const result = await cliWithEnv(productlessShell(), "experiments", "frobnicate");
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 2, stdout: "" });
    expect(result.stderr).toMatch(/^error: unknown experiments command: frobnicate/);
  });

  it("never loads the product's settings: a DATABASE_URL it would refuse changes nothing", async () => {
    const shell = productlessShell({ DATABASE_URL: "mysql://elsewhere/apfa", PORT: "not-a-port" });
    expect(await cliWithEnv(shell, "experiments", "assign", "--key", "seed", "--user", "b", "--variants", "4")).toEqual(
      {
        code: 0,
        stdout: '{"variant": 1, "bucket": 0.2696, "inExperiment": true}\n',
        stderr: "",
      },
    );
  });
});
