import { and, asc, eq } from "drizzle-orm";
import { recordAudit } from "../audit";
import { getDb } from "../db";
import { AppError } from "../errors";
import {
  biasPolicySchema,
  MODEL_KINDS,
  type ArtifactRef,
  PROVIDERS_OF,
  type ModelKind,
  type Provider,
} from "./metadata";
import { readArtifact, storeArtifact, storeDocument } from "./artifact";
import { compareSemver, semverProblem } from "./semver";
import { registryAliases, registryModels, registryVersions } from "./tables";
import { checkOpenAiAnswers } from "./openai-probe";

export type RegistryVersion = typeof registryVersions.$inferSelect;
export type RegistryAlias = typeof registryAliases.$inferSelect;

export interface RegisterInput {
  kind: ModelKind;
  name: string;
  version: string;
  /** A file or folder to copy into the artifact store (a GGUF, a MiniLM folder, a prompt, a policy). */
  file?: string;
  /** A document given as text instead of a file (the prompt and policy seeded at first start). */
  document?: { name: string; text: string };
  provider?: Provider;
  /** The sha256 the caller expects of `file` (a download's published hash): refused if it differs. */
  sha256?: string;
  /** Whether to check that an OpenAI-compatible server answers (default true; start-up registers without). */
  probe?: boolean;
  changelog?: string;
  trainingData?: string;
  tags?: string[];
}

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/i;
const ALIAS = /^[a-z][a-z0-9-]{0,31}$/;

export function nameProblem(name: string): string | null {
  return NAME.test(name)
    ? null
    : `--name: "${name}" must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit`;
}

/** Which provider a version of this kind runs on, checked against what its kind allows. */
function providerFor(input: RegisterInput): Provider | undefined {
  const allowed = PROVIDERS_OF[input.kind];
  if (input.provider && !allowed.includes(input.provider.kind)) {
    throw new AppError("bad_request", `--kind ${input.kind} cannot name a ${input.provider.kind} provider`);
  }
  if (input.kind === "analyzer" && !input.provider) {
    if (input.file?.toLowerCase().endsWith(".gguf")) return { kind: "llama" };
    throw new AppError(
      "bad_request",
      "--kind analyzer needs --file PATH (a GGUF model) or --openai-base-url URL --openai-model M",
    );
  }
  if (input.kind === "embedder" && !input.provider) return input.file ? { kind: "minilm" } : { kind: "hash" };
  return input.provider;
}

async function checkDocument(input: RegisterInput, provider: Provider | undefined): Promise<void> {
  const needsFile =
    input.kind === "prompt" ||
    input.kind === "bias-policy" ||
    provider?.kind === "llama" ||
    provider?.kind === "minilm";
  if (needsFile && !input.file && !input.document)
    throw new AppError("bad_request", `--file: a ${input.kind} of this kind needs its file`);
  if (provider?.kind === "llama" && !input.file?.toLowerCase().endsWith(".gguf")) {
    throw new AppError("bad_request", `--file: a llama analyzer is a .gguf file, not ${input.file}`);
  }
  if (provider?.kind === "openai" && input.probe !== false) await checkOpenAiAnswers(provider);
}

/**
 * Registers an immutable version. Checks everything first (name, semver, duplicate, kind,
 * provider, document), copies the artifact into the store, then writes the model, the version
 * and its ledger entry in one transaction: a refused registration stores nothing.
 */
export async function registerVersion(input: RegisterInput, actor: string): Promise<RegistryVersion> {
  if (!MODEL_KINDS.includes(input.kind)) {
    throw new AppError("bad_request", `--kind must be one of ${MODEL_KINDS.join(", ")}, not "${input.kind}"`);
  }
  const problem = nameProblem(input.name) ?? semverProblem(input.version);
  if (problem) throw new AppError("bad_request", problem.startsWith("--") ? problem : `--version: ${problem}`);
  const [model] = await getDb().select().from(registryModels).where(eq(registryModels.name, input.name));
  if (model && model.kind !== input.kind) {
    throw new AppError("conflict", `--name: ${input.name} is registered as a ${model.kind}, not a ${input.kind}`);
  }
  const existing = await listVersionsOf(input.name);
  if (existing.some((v) => v.version === input.version)) {
    throw new AppError(
      "conflict",
      `--version: ${input.name}@${input.version} is already registered, and versions are immutable: register a new version`,
    );
  }
  const provider = providerFor(input);
  await checkDocument(input, provider);
  const artifact = input.document
    ? await storeDocument(input.name, input.version, input.document)
    : input.file
      ? await storeArtifact(input.name, input.version, input.file, input.sha256)
      : undefined;
  if (input.kind === "bias-policy") await parseBiasPolicy(artifact!, input.file ?? input.document!.name);
  const previous =
    existing
      .map((v) => v.version)
      .sort(compareSemver)
      .at(-1) ?? null;

  return getDb().transaction(async (tx) => {
    await tx
      .insert(registryModels)
      .values({ name: input.name, kind: input.kind, createdBy: actor })
      .onConflictDoNothing();
    const [row] = await tx
      .insert(registryVersions)
      .values({
        model: input.name,
        version: input.version,
        metadata: { artifact, provider, trainingData: input.trainingData },
        changelog: input.changelog ?? "",
        previousVersion: previous,
        tags: input.tags ?? [],
        createdBy: actor,
      })
      .returning();
    await recordAudit(
      {
        actor,
        action: "registry.register",
        target: `${input.name}@${input.version}`,
        details: { kind: input.kind, provider: provider?.kind ?? null, sha256: artifact?.sha256 ?? null, previous },
      },
      tx,
    );
    return row!;
  });
}

async function parseBiasPolicy(artifact: ArtifactRef, file: string): Promise<void> {
  const text = (await readArtifact(artifact)).toString("utf8");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", `--file: ${file} is not JSON; a bias policy is {"threshold": 0.3, "weights": …}`);
  }
  const parsed = biasPolicySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("bad_request", `--file: ${file}: ${issue.path.join(".") || "policy"} ${issue.message}`);
  }
}

export async function listModels() {
  return getDb().select().from(registryModels).orderBy(asc(registryModels.kind), asc(registryModels.name));
}

/** A model's versions, lowest semver first. */
export async function listVersionsOf(model: string): Promise<RegistryVersion[]> {
  const rows = await getDb().select().from(registryVersions).where(eq(registryVersions.model, model));
  return rows.sort((a, b) => compareSemver(a.version, b.version));
}

export async function listAllVersions(): Promise<RegistryVersion[]> {
  const rows = await getDb().select().from(registryVersions);
  return rows.sort((a, b) => a.model.localeCompare(b.model) || compareSemver(a.version, b.version));
}

export async function listModelAliases(): Promise<RegistryAlias[]> {
  return getDb().select().from(registryAliases).orderBy(asc(registryAliases.model), asc(registryAliases.alias));
}

/** A registered version of the given kind; names the field (`field`) when it is missing or archived. */
export async function getModelVersion(
  model: string,
  version: string,
  options: { kind?: ModelKind; field?: string; allowArchived?: boolean } = {},
): Promise<RegistryVersion & { kind: ModelKind }> {
  const field = options.field ? `${options.field}: ` : "";
  const [row] = await getDb()
    .select({ version: registryVersions, kind: registryModels.kind })
    .from(registryVersions)
    .innerJoin(registryModels, eq(registryModels.name, registryVersions.model))
    .where(and(eq(registryVersions.model, model), eq(registryVersions.version, version)));
  if (!row) throw new AppError("not_found", `${field}${model}@${version} is not registered`);
  if (options.kind && row.kind !== options.kind) {
    throw new AppError("bad_request", `${field}${model} is a ${row.kind}, not a ${options.kind}`);
  }
  if (row.version.archivedAt && !options.allowArchived) {
    throw new AppError("conflict", `${field}${model}@${version} is archived and cannot be used in a new release`);
  }
  return { ...row.version, kind: row.kind };
}

/** Points a model's alias at one of its versions (creating the alias), in the ledger. */
export async function setModelAlias(model: string, alias: string, version: string, actor: string): Promise<void> {
  if (!ALIAS.test(alias)) {
    throw new AppError(
      "bad_request",
      `alias: "${alias}" must be 1–32 lowercase letters, digits or "-", starting with a letter`,
    );
  }
  await getModelVersion(model, version, { field: "version" });
  await getDb().transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(registryAliases)
      .where(and(eq(registryAliases.model, model), eq(registryAliases.alias, alias)))
      .for("update");
    await tx
      .insert(registryAliases)
      .values({ model, alias, version, movedBy: actor })
      .onConflictDoUpdate({
        target: [registryAliases.model, registryAliases.alias],
        set: { version, movedBy: actor, movedAt: new Date() },
      });
    await recordAudit(
      {
        actor,
        action: "registry.alias",
        target: `${model}@${version}`,
        details: { alias, previous: current?.version ?? null },
      },
      tx,
    );
  });
}

/** Archives a version: it stays readable (releases that use it keep working) but no new release may name it. */
export async function archiveVersion(model: string, version: string, actor: string, reason: string): Promise<void> {
  await getModelVersion(model, version, { allowArchived: true });
  await getDb().transaction(async (tx) => {
    await tx
      .update(registryVersions)
      .set({ archivedAt: new Date() })
      .where(and(eq(registryVersions.model, model), eq(registryVersions.version, version)));
    await recordAudit({ actor, action: "registry.archive", target: `${model}@${version}`, reason }, tx);
  });
}
