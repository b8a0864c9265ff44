import { desc, eq } from "drizzle-orm";
import { getDb } from "../db";
import { createEmbedder, withNeutralText } from "../embedding";
import { getIndexVersion, indexArtifactProblem, MIN_RECALL } from "../index-store";
import {
  aliasedRelease,
  artifactProblem,
  checkOpenAiAnswers,
  compositionOf,
  getRelease,
  localArtifact,
  releaseParts,
  PRODUCTION,
  shadowReplays,
  type RegistryVersion,
  type ReleaseRow,
} from "../registry";
import { latestAuditOf } from "../fairness-audits";
import {
  fairnessAuditGate,
  gate,
  indexMatchesEmbedderGate,
  indexValidatedGate,
  shadowReplayGate,
  type GateResult,
} from "./gate-rules";
import { promotionPolicy } from "./policy";

async function indexValidated(release: ReleaseRow): Promise<GateResult> {
  return indexValidatedGate(await getIndexVersion(release.indexVersion), promotionPolicy().recallGate, MIN_RECALL);
}

/** Versions are immutable, so what one embeds with is learned once per process. */
const engineVersions = new Map<string, Promise<string>>();

/** The version string an embedder writes into the indexes it builds (loading it if it has a model). */
function embedderEngineVersion(embedder: RegistryVersion): Promise<string> {
  const key = `${embedder.model}@${embedder.version}`;
  let version = engineVersions.get(key);
  if (!version) {
    version = loadEngineVersion(embedder);
    engineVersions.set(key, version);
    version.catch(() => engineVersions.delete(key));
  }
  return version;
}

async function loadEngineVersion(embedder: RegistryVersion): Promise<string> {
  const provider = embedder.metadata.provider?.kind ?? "hash";
  const folder =
    provider === "minilm" && embedder.metadata.artifact ? await localArtifact(embedder.metadata.artifact) : undefined;
  const raw = await createEmbedder(provider === "minilm" ? "minilm" : "hash", folder);
  return withNeutralText(raw).version;
}

async function indexMatchesEmbedder(release: ReleaseRow, embedder: RegistryVersion): Promise<GateResult> {
  const index = await getIndexVersion(release.indexVersion);
  const engineVersion = await embedderEngineVersion(embedder).catch(
    (error: unknown) => `(cannot be loaded: ${(error as Error).message})`,
  );
  return indexMatchesEmbedderGate(index, { ref: `${embedder.model}@${embedder.version}`, engineVersion });
}

/**
 * Re-hashing a large index for every release that shares it (or probing the same server), on
 * every list, would cost minutes: a verdict is reused for a minute (the gates are checked afresh
 * right before a promotion anyway).
 */
const VERDICT_TTL_MS = 60_000;
const verdicts = new Map<string, { at: number; problem: Promise<string | null> }>();

function remembered(key: string, check: () => Promise<string | null>, fresh: boolean): Promise<string | null> {
  const hit = verdicts.get(key);
  if (!fresh && hit && Date.now() - hit.at < VERDICT_TTL_MS) return hit.problem;
  const problem = check();
  verdicts.set(key, { at: Date.now(), problem });
  return problem;
}

async function artifactsVerified(release: ReleaseRow, parts: RegistryVersion[], fresh: boolean): Promise<GateResult> {
  const problems = (
    await Promise.all([
      remembered(`index:${release.indexVersion}`, () => indexArtifactProblem(release.indexVersion), fresh),
      ...parts.map((p) => {
        const artifact = p.metadata.artifact;
        return artifact
          ? remembered(`${artifact.key}:${artifact.sha256}`, () => artifactProblem(artifact), fresh)
          : null;
      }),
    ])
  ).filter((problem): problem is string => problem !== null);
  const checked = 1 + parts.filter((p) => p.metadata.artifact).length;
  return gate(
    "artifacts-verified",
    problems.length === 0,
    problems.length === 0 ? `${checked} artifacts match their sha256` : problems.join("; "),
  );
}

async function analyzerAnswers(analyzer: RegistryVersion, fresh: boolean): Promise<GateResult | null> {
  const provider = analyzer.metadata.provider;
  if (provider?.kind !== "openai") return null;
  const problem = await remembered(
    `openai:${provider.baseUrl}:${provider.apiKeyEnv ?? ""}`,
    () =>
      checkOpenAiAnswers(provider).then(
        () => null,
        (error: unknown) => (error as Error).message.replace(/^--openai-base-url: /, ""),
      ),
    fresh,
  );
  return gate("analyzer-answers", problem === null, problem ?? `${provider.baseUrl} answers`);
}

/** The newest replay of this exact composition (a replay of anything else does not count). */
export async function latestShadowReplay(release: ReleaseRow, parts: RegistryVersion[]) {
  const composition = compositionOf(release, parts);
  const [row] = await getDb()
    .select()
    .from(shadowReplays)
    .where(eq(shadowReplays.release, release.version))
    .orderBy(desc(shadowReplays.id))
    .limit(1);
  return row && row.composition === composition ? row : null;
}

/** The release production serves now has nothing to be compared with: its replay gate does not apply. */
async function shadowGateOf(release: ReleaseRow, parts: RegistryVersion[]): Promise<GateResult> {
  if ((await aliasedRelease(PRODUCTION))?.version === release.version) {
    return {
      name: "shadow-replay",
      status: "not-applicable",
      blocking: false,
      reason: "this release is in production: there is nothing to compare it with",
    };
  }
  return shadowReplayGate(await latestShadowReplay(release, parts));
}

/**
 * Every gate of a release with its result and reason, in the order people read them. Computed
 * when asked; `fresh` re-hashes every artifact (a promotion does) instead of reusing a verdict
 * from the last minute.
 */
export async function evaluateGates(version: string, options: { fresh?: boolean } = {}): Promise<GateResult[]> {
  const release = await getRelease(version);
  const parts = await releaseParts(release);
  const [embedder, analyzer] = parts;
  const gates = await Promise.all([
    indexValidated(release),
    indexMatchesEmbedder(release, embedder!),
    artifactsVerified(release, parts, options.fresh ?? false),
    analyzerAnswers(analyzer!, options.fresh ?? false),
    shadowGateOf(release, parts),
    latestAuditOf(release.version, { composition: compositionOf(release, parts) }).then(fairnessAuditGate),
  ]);
  return gates.filter((g): g is GateResult => g !== null);
}
