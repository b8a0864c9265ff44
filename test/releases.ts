import { randomInt } from "node:crypto";
import {
  aliasedRelease,
  createRelease,
  moveReleaseAlias,
  PRODUCTION,
  registerVersion,
  type BiasPolicyDocument,
  type CreateReleaseInput,
} from "@/server/registry";

/**
 * Releases for tests, made through the real registry. Release versions and model names are global
 * in the shared test database: each call takes its own major line and its own names.
 */

const ACTOR = "test";
export const uniqueName = (prefix: string) => `${prefix}-${randomInt(100, 1_000_000_000)}`;
export const uniqueReleaseVersion = () => `${randomInt(1_000, 1_000_000_000)}.0.0`;

/** Registers an OpenAI-compatible analyzer (not probed: the test's server may answer only later). */
export async function registerOpenAiAnalyzer(baseUrl: string, model = "stand-in", apiKeyEnv?: string): Promise<string> {
  const name = uniqueName("openai-test");
  await registerVersion(
    {
      kind: "analyzer",
      name,
      version: "1.0.0",
      provider: { kind: "openai", baseUrl, model, ...(apiKeyEnv ? { apiKeyEnv } : {}) },
      probe: false,
    },
    ACTOR,
  );
  return `${name}@1.0.0`;
}

export async function registerPrompt(text: string): Promise<string> {
  const name = uniqueName("prompt-test");
  await registerVersion({ kind: "prompt", name, version: "1.0.0", document: { name: "prompt.txt", text } }, ACTOR);
  return `${name}@1.0.0`;
}

export async function registerBiasPolicy(policy: BiasPolicyDocument): Promise<string> {
  const name = uniqueName("policy-test");
  await registerVersion(
    { kind: "bias-policy", name, version: "1.0.0", document: { name: "policy.json", text: JSON.stringify(policy) } },
    ACTOR,
  );
  return `${name}@1.0.0`;
}

/** A release from production with the parts given (`name@version`, the index by version). */
export async function testRelease(parts: Omit<CreateReleaseInput, "version" | "changelog"> = {}): Promise<string> {
  const row = await createRelease({ version: uniqueReleaseVersion(), changelog: "a test release", ...parts }, ACTOR);
  return row.version;
}

/** Moves production to `release` (compare-and-set on what it is now) and returns the release it was on. */
export async function moveProduction(release: string): Promise<string> {
  const current = (await aliasedRelease(PRODUCTION))!.version;
  await moveReleaseAlias({
    alias: PRODUCTION,
    to: release,
    expected: current,
    actor: ACTOR,
    action: "release.promote",
    reason: "test",
  });
  return current;
}
