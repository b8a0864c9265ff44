import { randomInt } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { indexWith } from "@/test/index-fixture";
import { getDb } from "../db";
import { AppError } from "../errors";
import {
  aliasedRelease,
  aliasTimeline,
  archiveVersion,
  listReleases,
  componentsOf,
  createRelease,
  getModelVersion,
  listVersionsOf,
  moveReleaseAlias,
  PRODUCTION,
  registerVersion,
  releaseAt,
  type ReleaseRow,
} from ".";

const unique = () => `${randomInt(100, 1_000_000)}`;
/** Release versions are global in the shared test database: each test makes its own major line. */
const releaseVersion = (patch = 0) => `${randomInt(100, 1_000_000)}.0.${patch}`;

function tempFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "apfa-registry-"));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

let production: ReleaseRow;

beforeAll(async () => {
  await indexWith();
  production = (await aliasedRelease(PRODUCTION))!;
});

describe("the registry seeded at start", () => {
  it("registers what the environment configures as a release in production, with prompt and policy 1.0.0", async () => {
    expect(production).toBeTruthy();
    // The first release start-up registered (files before this one may have promoted others since).
    const seeded = (await listReleases()).filter((r) => r.createdBy === "setup").at(-1)!;
    expect(seeded.environment).not.toBeNull();
    const [move] = (await aliasTimeline(PRODUCTION, 10_000)).filter((m) => m.release === seeded.version).slice(-1);
    expect(move).toMatchObject({ actor: "setup", action: "release.promote" });
    const components = componentsOf(seeded);
    expect(components.embedder).toBe("hash-embedder@1.0.0");
    expect(components.analyzer).toBe("grounded@1.0.0");
    expect(components.prompt).toBe("advisor-prompt@1.0.0");
    expect(components.biasPolicy).toBe("bias-policy@1.0.0");
    const policy = await getModelVersion("bias-policy", "1.0.0", { kind: "bias-policy" });
    expect(policy.metadata.artifact?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("registering versions", () => {
  it("stores a prompt version with its sha256, and refuses the same version twice", async () => {
    const name = `prompt-${unique()}`;
    const file = tempFile("prompt.txt", "Answer briefly in {maxTokens} tokens.");
    const row = await registerVersion(
      { kind: "prompt", name, version: "1.0.0", file, changelog: "first" },
      "alice@test",
    );
    expect(row.metadata.artifact?.bytes).toBe(37);
    await expect(registerVersion({ kind: "prompt", name, version: "1.0.0", file }, "bob@test")).rejects.toThrow(
      /already registered, and versions are immutable/,
    );
    const second = await registerVersion({ kind: "prompt", name, version: "1.1.0", file }, "alice@test");
    expect(second.previousVersion).toBe("1.0.0");
  });

  it("names the field for an invalid semver, a wrong kind and a bad policy, and stores nothing", async () => {
    const name = `policy-${unique()}`;
    const good = tempFile(
      "policy.json",
      JSON.stringify({
        threshold: 0.3,
        weights: { protected: { conditioned: 0.4, mention: 0.1 }, proxy: { conditioned: 0.3, mention: 0.05 } },
      }),
    );
    await expect(registerVersion({ kind: "bias-policy", name, version: "1.0", file: good }, "t")).rejects.toThrow(
      /--version: "1.0" is not a semantic version/,
    );
    const bad = tempFile("policy.json", JSON.stringify({ threshold: 3, weights: {} }));
    await expect(registerVersion({ kind: "bias-policy", name, version: "1.0.0", file: bad }, "t")).rejects.toThrow(
      /--file: .*threshold/,
    );
    expect(await listVersionsOf(name)).toEqual([]);
    await registerVersion({ kind: "bias-policy", name, version: "1.0.0", file: good }, "t");
    await expect(registerVersion({ kind: "prompt", name, version: "2.0.0", file: good }, "t")).rejects.toThrow(
      /is registered as a bias-policy, not a prompt/,
    );
  });

  it("refuses a file whose sha256 is not the one expected, and stores nothing", async () => {
    const name = `prompt-${unique()}`;
    const file = tempFile("prompt.txt", "Be brief.");
    await expect(
      registerVersion({ kind: "prompt", name, version: "1.0.0", file, sha256: "0".repeat(64) }, "t"),
    ).rejects.toThrow(/^--sha256: .*prompt.txt hashes to [0-9a-f]{64}, not 0{64}$/);
    expect(await listVersionsOf(name)).toEqual([]);
  });

  it("keeps an archived version out of new releases, naming the field", async () => {
    const name = `prompt-${unique()}`;
    await registerVersion({ kind: "prompt", name, version: "1.0.0", file: tempFile("p.txt", "Old prompt.") }, "t");
    await archiveVersion(name, "1.0.0", "t", "superseded");
    await expect(
      createRelease({ version: releaseVersion(), prompt: `${name}@1.0.0`, changelog: "old prompt" }, "t"),
    ).rejects.toThrow(`--prompt: ${name}@1.0.0 is archived and cannot be used in a new release`);
  });

  it("refuses an OpenAI-compatible analyzer whose server does not answer, naming the field", async () => {
    const error = await registerVersion(
      {
        kind: "analyzer",
        name: `openai-${unique()}`,
        version: "1.0.0",
        provider: { kind: "openai", baseUrl: "http://127.0.0.1:9/v1", model: "m" },
      },
      "t",
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as Error).message).toMatch(/^--openai-base-url: http:\/\/127.0.0.1:9\/v1 does not answer/);
  });
});

describe("releases", () => {
  it("takes unnamed parts from production and refuses a missing version, naming the field", async () => {
    const name = `prompt-${unique()}`;
    await registerVersion({ kind: "prompt", name, version: "2.0.0", file: tempFile("p.txt", "Be brief.") }, "t");
    const version = releaseVersion();
    const release = await createRelease(
      { version, prompt: `${name}@2.0.0`, changelog: "shorter prompt" },
      "alice@test",
    );
    expect(componentsOf(release)).toEqual({ ...componentsOf(production), prompt: `${name}@2.0.0` });
    await expect(
      createRelease({ version: releaseVersion(), analyzer: "grounded@9.9.9", changelog: "x" }, "t"),
    ).rejects.toThrow(/^--analyzer: grounded@9.9.9 is not registered/);
    await expect(createRelease({ version, changelog: "again" }, "t")).rejects.toThrow(/already exists/);
    await expect(
      createRelease({ version: releaseVersion(), index: "deadbeefdeadbeef", changelog: "x" }, "t"),
    ).rejects.toThrow(/^--index: no index version deadbeefdeadbeef/);
  });

  it("cannot be changed once created: the database refuses an UPDATE", async () => {
    const release = await createRelease({ version: releaseVersion(), changelog: "same as production" }, "t");
    const error = await getDb()
      .execute(sql`update releases set changelog = 'rewritten' where version = ${release.version}`)
      .catch((caught: unknown) => caught);
    expect(String((error as Error).cause)).toMatch(/releases is immutable: UPDATE is refused/);
  });

  it("moves an alias by compare-and-set: of two concurrent moves one wins and the other names the winner", async () => {
    const alias = `canary-${unique()}`;
    const a = await createRelease({ version: releaseVersion(), changelog: "a" }, "t");
    const b = await createRelease({ version: releaseVersion(), changelog: "b" }, "t");
    const results = await Promise.allSettled([
      moveReleaseAlias({
        alias,
        to: a.version,
        expected: null,
        actor: "alice",
        action: "release.alias",
        reason: "try a",
      }),
      moveReleaseAlias({
        alias,
        to: b.version,
        expected: null,
        actor: "bob",
        action: "release.alias",
        reason: "try b",
      }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = (await aliasedRelease(alias))!.version;
    expect(lost[0]!.reason.message).toContain(`${alias} is now on release ${winner}`);
  });

  it("answers which release an alias pointed at for any past time, from the ledger", async () => {
    const alias = `timeline-${unique()}`;
    const a = await createRelease({ version: releaseVersion(), changelog: "a" }, "t");
    const b = await createRelease({ version: releaseVersion(), changelog: "b" }, "t");
    const before = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await moveReleaseAlias({
      alias,
      to: a.version,
      expected: null,
      actor: "t",
      action: "release.promote",
      reason: "a",
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const between = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await moveReleaseAlias({
      alias,
      to: b.version,
      expected: a.version,
      actor: "t",
      action: "release.promote",
      reason: "b",
    });
    expect(await releaseAt(alias, before)).toBeNull();
    expect((await releaseAt(alias, between))?.release).toBe(a.version);
    expect((await releaseAt(alias, new Date()))?.release).toBe(b.version);
  });
});
