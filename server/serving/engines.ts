import type { AdviceVersions } from "../agent";
import type { BiasPolicy } from "../bias";
import { createHashEmbedder, createMiniLmEmbedder, withNeutralText, type Embedder } from "../embedding";
import { env, secretFromEnv } from "../env";
import { AppError } from "../errors";
import { getIndexVersion, holdIndex, type IndexHold } from "../index-store";
import {
  createGroundedAnalyzer,
  createLlamaAnalyzer,
  createOpenAiAnalyzer,
  defaultLlamaThreads,
  type Analyzer,
} from "../llm";
import { logger } from "../logger";
import {
  biasPolicySchema,
  componentsOf,
  getModelVersion,
  getRelease,
  localArtifact,
  readArtifact,
  type ModelKind,
} from "../registry";
import type { EngineSource } from "./pool";

/**
 * Engines built from what the registry says a version is: its provider settings and its
 * sha256-verified artifact. Nothing here reads the process's own APFA_ANALYZER / APFA_EMBEDDER:
 * a release runs the same wherever it is loaded.
 */

const log = logger.child("serving");

function splitRef(ref: string): { model: string; version: string } {
  const at = ref.lastIndexOf("@");
  return { model: ref.slice(0, at), version: ref.slice(at + 1) };
}

/** A registered version of `kind` (archived ones too: a release that names one must still serve). */
async function registered(ref: string, kind: ModelKind) {
  const { model, version } = splitRef(ref);
  return getModelVersion(model, version, { kind, field: kind, allowArchived: true });
}

function artifactOf(version: Awaited<ReturnType<typeof registered>>, ref: string) {
  const artifact = version.metadata.artifact;
  if (!artifact) throw new AppError("conflict", `${ref} has no artifact registered`);
  return artifact;
}

export async function embedderFor(ref: string): Promise<Embedder> {
  const version = await registered(ref, "embedder");
  const provider = version.metadata.provider?.kind ?? "hash";
  switch (provider) {
    case "hash":
      return withNeutralText(createHashEmbedder());
    case "minilm":
      return withNeutralText(await createMiniLmEmbedder(await localArtifact(artifactOf(version, ref))));
    default:
      throw new AppError("conflict", `${ref} names provider ${provider}, which is not an embedder`);
  }
}

export async function analyzerFor(ref: string): Promise<Analyzer> {
  const version = await registered(ref, "analyzer");
  const provider = version.metadata.provider;
  switch (provider?.kind) {
    case "grounded":
      return createGroundedAnalyzer();
    case "llama":
      return createLlamaAnalyzer({
        modelFile: await localArtifact(artifactOf(version, ref)),
        contexts: env.LLM_CONTEXTS,
        threads: env.LLM_THREADS ?? defaultLlamaThreads(env.LLM_CONTEXTS),
      });
    case "openai": {
      const apiKey = provider.apiKeyEnv ? secretFromEnv(provider.apiKeyEnv) : undefined;
      if (provider.apiKeyEnv && !apiKey) {
        log.warn("the API key variable an analyzer names is not set: calling it without a key", {
          analyzer: ref,
          variable: provider.apiKeyEnv,
        });
      }
      return createOpenAiAnalyzer({ baseUrl: provider.baseUrl, model: provider.model, apiKey });
    }
    default:
      throw new AppError("conflict", `${ref} names no analyzer provider`);
  }
}

export async function promptFor(ref: string): Promise<string> {
  const version = await registered(ref, "prompt");
  const text = (await readArtifact(artifactOf(version, ref))).toString("utf8");
  if (!text.trim()) throw new AppError("conflict", `${ref}: the prompt is empty`);
  return text;
}

export async function biasPolicyFor(ref: string): Promise<BiasPolicy> {
  const version = await registered(ref, "bias-policy");
  const bytes = await readArtifact(artifactOf(version, ref));
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new AppError("conflict", `${ref}: the policy is not JSON (${(error as Error).message})`);
  }
  const parsed = biasPolicySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("conflict", `${ref}: ${issue.path.join(".") || "policy"} ${issue.message}`);
  }
  return parsed.data;
}

export async function indexFor(version: string): Promise<IndexHold> {
  const row = await getIndexVersion(version);
  if (!row.manifestSha256) {
    throw new AppError("unavailable", `index ${version.slice(0, 12)} predates verified manifests: rebuild it`);
  }
  return holdIndex({ version: row.version, sha256: row.manifestSha256 });
}

export async function describeRelease(release: string): Promise<AdviceVersions> {
  return componentsOf(await getRelease(release));
}

export const registryEngines: EngineSource = {
  describe: describeRelease,
  embedder: embedderFor,
  analyzer: analyzerFor,
  prompt: promptFor,
  biasPolicy: biasPolicyFor,
  index: indexFor,
};
