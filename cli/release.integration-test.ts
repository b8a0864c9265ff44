import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "@/test/cli";
import { indexWith } from "@/test/index-fixture";
import { startOpenAiServer, type OpenAiTestServer } from "@/test/openai-server";
import { runAdvice } from "@/server/advice";
import { aliasedRelease, PRODUCTION } from "@/server/registry";

/** The registry and release commands as an ML engineer types them (test/cli.ts: a separate process). */

let server: OpenAiTestServer;
const name = `vllm-${randomInt(1_000, 1_000_000)}`;
const version = `${randomInt(1_000, 1_000_000)}.1.0`;

beforeAll(async () => {
  await indexWith();
  server = await startOpenAiServer(() => ["Based", "on", "similar", "loans,", "yes."]);
});
afterAll(() => server.close());

describe("registry and release commands", () => {
  it("register an OpenAI-compatible analyzer, bundle it, refuse it at the gates, promote it with an override and roll back", async () => {
    const registered = await cli(
      "registry",
      "register",
      "--kind",
      "analyzer",
      "--name",
      name,
      "--version",
      "1.0.0",
      "--openai-base-url",
      server.baseUrl,
      "--openai-model",
      "stand-in",
      "--changelog",
      "vLLM on the GPU box",
    );
    expect(registered).toMatchObject({ code: 0, stderr: "" });
    expect(registered.stdout.trim()).toBe(`registered ${name}@1.0.0 (analyzer)`);

    const listed = JSON.parse((await cli("registry", "list", "--json")).stdout) as {
      name: string;
      versions: { version: string; provider: unknown }[];
    }[];
    expect(listed.find((m) => m.name === name)?.versions).toMatchObject([
      { version: "1.0.0", provider: { kind: "openai", baseUrl: server.baseUrl, model: "stand-in" } },
    ]);

    const before = (await aliasedRelease(PRODUCTION))!;
    const created = await cli(
      "release",
      "create",
      "--version",
      version,
      "--analyzer",
      `${name}@1.0.0`,
      "--changelog",
      "vLLM analyzer",
    );
    expect(created).toMatchObject({ code: 0, stdout: `created release ${version}\n` });

    const releases = JSON.parse((await cli("release", "list", "--json")).stdout) as Record<string, unknown>[];
    const mine = releases.find((r) => r.version === version)!;
    expect(Object.keys(mine)).toEqual(
      expect.arrayContaining(["version", "aliases", "components", "gates", "createdAt"]),
    );
    expect(mine).toMatchObject({
      aliases: [],
      components: {
        embedder: `${before.embedderModel}@${before.embedderVersion}`,
        index: before.indexVersion,
        analyzer: `${name}@1.0.0`,
        prompt: `${before.promptModel}@${before.promptVersion}`,
        biasPolicy: `${before.biasPolicyModel}@${before.biasPolicyVersion}`,
      },
    });
    expect((mine.gates as { name: string; status: string }[]).find((g) => g.name === "analyzer-answers")?.status).toBe(
      "passed",
    );

    const refused = await cli("release", "promote", version, "--reason", "try vLLM");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`release ${version} cannot be promoted; failing gates:`);
    expect(refused.stderr).toMatch(/… shadow-replay\s+pending\s+no shadow replay yet: request one/);
    // Creating the release queued its counterfactual audit; with no worker here it stays queued.
    expect(refused.stderr).toMatch(/… fairness-audit\s+pending\s+fairness audit \d+ is queued/);

    const promoted = await cli(
      "release",
      "promote",
      version,
      "--reason",
      "replay queue down; vLLM checked by hand",
      "--override",
    );
    expect(promoted).toMatchObject({ code: 0, stderr: "" });
    expect(promoted.stdout).toContain("overridden: shadow-replay, fairness-audit (justification recorded)");
    expect(promoted.stdout).toContain(`production: ${version} (was ${before.version})`);

    // An answer given now names the release, and the CLI finds it from the request's id.
    const advice = await runAdvice({ question: "Should I borrow $8,000 over 36 months?", channel: "api" });
    expect(advice.release).toBe(version);
    const answered = JSON.parse((await cli("registry", "answered", advice.adviceId, "--json")).stdout) as Record<
      string,
      unknown
    >;
    expect(answered).toMatchObject({
      adviceId: advice.adviceId,
      release: version,
      versions: { analyzer: `${name}@1.0.0` },
    });

    const at = JSON.parse((await cli("registry", "at", new Date().toISOString(), "--json")).stdout) as Record<
      string,
      unknown
    >;
    expect(at).toMatchObject({
      release: version,
      action: "release.promote",
      reason: "replay queue down; vLLM checked by hand",
    });
    const never = JSON.parse((await cli("registry", "at", "2000-01-01T00:00:00Z", "--json")).stdout) as Record<
      string,
      unknown
    >;
    expect(never.release).toBeNull();

    const rolledBack = await cli("release", "rollback", "--reason", "back to the known release");
    expect(rolledBack).toMatchObject({ code: 0, stdout: `production: ${before.version} (was ${version})\n` });
    expect((await cli("registry", "verify-ledger")).code).toBe(0);
  }, 300_000); // twelve CLI processes, each starting tsx

  it("names the field that is wrong and stores nothing", async () => {
    const badVersion = await cli(
      "registry",
      "register",
      "--kind",
      "prompt",
      "--name",
      name,
      "--version",
      "1.0",
      "--file",
      "README.md",
    );
    expect(badVersion.code).toBe(1);
    expect(badVersion.stderr).toContain('--version: "1.0" is not a semantic version');
    const missing = await cli(
      "release",
      "create",
      "--version",
      `${version}-rc.1`,
      "--analyzer",
      `${name}@9.0.0`,
      "--changelog",
      "x",
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`--analyzer: ${name}@9.0.0 is not registered`);
    const notAnId = await cli("registry", "answered", "42");
    expect(notAnId.code).toBe(2);
    expect(notAnId.stderr).toContain("registry answered needs an advice request id (a UUID), not 42");
    const noReason = await cli("release", "promote", version);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain("release promote needs --reason TEXT");
  }, 120_000);
});
