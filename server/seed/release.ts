import path from "node:path";
import { DEFAULT_BIAS_POLICY } from "../bias";
import { MINILM_DIR, resolveEmbedder } from "../embedding";
import { env } from "../env";
import { activeIndexVersion } from "../index-store";
import { chooseAnalyzer, SYSTEM_PROMPT_TEMPLATE, type AnalyzerChoice } from "../llm";
import { sha256Hex } from "../hashing";
import { logger } from "../logger";
import { getRedis } from "../redis";
import {
  aliasedRelease,
  createRelease,
  listReleases,
  listVersionsOf,
  moveReleaseAlias,
  nextPatch,
  PRODUCTION,
  registerVersion,
  releaseChannel,
  type ModelKind,
  type ReleaseMoved,
  type Provider,
  type ReleaseRow,
} from "../registry";

const log = logger.child("seed");
const ACTOR = "setup";

export const PROMPT_MODEL = "advisor-prompt";
export const BIAS_POLICY_MODEL = "bias-policy";

/** A component the environment configures, as it would be registered. */
interface Configured {
  kind: ModelKind;
  name: string;
  provider?: Provider;
  file?: string;
  document?: { name: string; text: string };
  /** What identifies this configuration among the model's versions (settings and content). */
  fingerprint: string;
}

function analyzerConfigured(choice: AnalyzerChoice): Configured {
  switch (choice.kind) {
    case "grounded":
      return { kind: "analyzer", name: "grounded", provider: { kind: "grounded" }, fingerprint: "grounded" };
    case "llama": {
      const name = path
        .basename(choice.modelFile)
        .replace(/\.gguf$/i, "")
        .replace(/[^a-z0-9._-]/gi, "-")
        .slice(0, 64);
      return {
        kind: "analyzer",
        name,
        provider: { kind: "llama" },
        file: choice.modelFile,
        fingerprint: choice.modelFile,
      };
    }
    case "openai": {
      const provider: Provider = {
        kind: "openai",
        baseUrl: choice.baseUrl,
        model: choice.model,
        ...(choice.apiKey ? { apiKeyEnv: "OPENAI_API_KEY" } : {}),
      };
      const name = `openai-${choice.model}`.replace(/[^a-z0-9._-]/gi, "-").slice(0, 64);
      return { kind: "analyzer", name, provider, fingerprint: JSON.stringify(provider) };
    }
  }
}

async function embedderConfigured(): Promise<Configured> {
  const embedder = await resolveEmbedder();
  if (embedder.version.startsWith("hash")) {
    return { kind: "embedder", name: "hash-embedder", provider: { kind: "hash" }, fingerprint: embedder.version };
  }
  return {
    kind: "embedder",
    name: "all-MiniLM-L6-v2",
    provider: { kind: "minilm" },
    file: MINILM_DIR,
    fingerprint: embedder.version,
  };
}

function documentsConfigured(): Configured[] {
  const policy = `${JSON.stringify(DEFAULT_BIAS_POLICY, null, 2)}\n`;
  return [
    {
      kind: "prompt",
      name: PROMPT_MODEL,
      document: { name: "system-prompt.txt", text: SYSTEM_PROMPT_TEMPLATE },
      fingerprint: sha256Hex(Buffer.from(SYSTEM_PROMPT_TEMPLATE, "utf8")),
    },
    {
      kind: "bias-policy",
      name: BIAS_POLICY_MODEL,
      document: { name: "policy.json", text: policy },
      fingerprint: sha256Hex(Buffer.from(policy, "utf8")),
    },
  ];
}

/**
 * The version of `configured` the registry already holds (the one the last start registered from
 * the same settings, or one with the same provider and document), else a new one: 1.0.0 for a new
 * model, the next patch when its settings changed.
 */
async function versionFor(configured: Configured, seen: Record<string, string>): Promise<string> {
  const versions = await listVersionsOf(configured.name);
  const [fingerprint, version] = (seen[`${configured.kind}:${configured.name}`] ?? "").split("|");
  if (fingerprint === configured.fingerprint && versions.some((v) => v.version === version)) return version!;
  const documentSha = configured.document && sha256Hex(Buffer.from(configured.document.text, "utf8"));
  const same = versions.find(
    (v) =>
      !configured.file &&
      JSON.stringify(v.metadata.provider ?? null) === JSON.stringify(configured.provider ?? null) &&
      (v.metadata.artifact?.sha256 ?? undefined) === documentSha,
  );
  if (same) return same.version;
  const next = nextPatch(versions.map((v) => v.version));
  await registerVersion(
    {
      kind: configured.kind,
      name: configured.name,
      version: next,
      provider: configured.provider,
      file: configured.file,
      document: configured.document,
      changelog:
        versions.length === 0 ? "registered at first start from the environment" : "the environment's settings changed",
      probe: false,
    },
    ACTOR,
  );
  return next;
}

/**
 * Keeps `production` on what the environment configures whenever that changes (first start, a new
 * APFA_ANALYZER or model file, an index rebuilt at start): registers the components and a release
 * (1.0.0 at first start, then the next patch) and puts it in production, in the ledger. A release
 * the ML team promoted since is left alone until the environment itself changes again.
 */
export async function ensureProductionRelease(): Promise<ReleaseRow | null> {
  const index = await activeIndexVersion();
  if (!index) return null;
  const configured = [await embedderConfigured(), analyzerConfigured(chooseAnalyzer(env)), ...documentsConfigured()];
  const all = await listReleases();
  const lastFromEnvironment = all.find((r) => r.environment !== null);
  const seen = lastFromEnvironment?.environment ?? {};
  const environment: Record<string, string> = {};
  for (const c of configured) environment[`${c.kind}:${c.name}`] = c.fingerprint;
  const production = await aliasedRelease(PRODUCTION);
  const sameEnvironment =
    lastFromEnvironment &&
    configured.every((c) => seen[`${c.kind}:${c.name}`]?.split("|")[0] === c.fingerprint) &&
    Object.keys(seen).length === configured.length;
  if (production && sameEnvironment && production.indexVersion === index.version) return null;
  if (production && sameEnvironment) {
    // Only the index changed at start (rebuilt for new documents): the rest stays as promoted.
    return promote(
      await createRelease(
        {
          version: nextPatch(all.map((r) => r.version)),
          index: index.version,
          changelog: `index ${index.version.slice(0, 12)} built at start`,
        },
        ACTOR,
      ),
      production.version,
      "an index was rebuilt at start",
    );
  }

  const [embedder, analyzer, prompt, policy] = configured;
  const versions: string[] = [];
  for (const c of configured) {
    const version = await versionFor(c, seen);
    versions.push(version);
    environment[`${c.kind}:${c.name}`] = `${c.fingerprint}|${version}`;
  }
  const release = await createRelease(
    {
      version: nextPatch(all.map((r) => r.version)),
      embedder: `${embedder!.name}@${versions[0]}`,
      index: index.version,
      analyzer: `${analyzer!.name}@${versions[1]}`,
      prompt: `${prompt!.name}@${versions[2]}`,
      biasPolicy: `${policy!.name}@${versions[3]}`,
      changelog: production
        ? "the environment's configuration changed"
        : "first start: what the environment configures",
      environment,
    },
    ACTOR,
  );
  return promote(release, production?.version ?? null, production ? "the environment changed" : "first start");
}

async function promote(release: ReleaseRow, expected: string | null, reason: string): Promise<ReleaseRow> {
  await moveReleaseAlias({
    alias: PRODUCTION,
    to: release.version,
    expected,
    actor: ACTOR,
    action: "release.promote",
    reason,
  });
  // Instances already running (a setup run beside them) switch now rather than at their next reconcile.
  const moved: ReleaseMoved = { alias: PRODUCTION, release: release.version, at: new Date().toISOString() };
  await getRedis().publish(releaseChannel(), JSON.stringify(moved));
  log.info("release in production", { release: release.version, previous: expected, reason });
  return release;
}
