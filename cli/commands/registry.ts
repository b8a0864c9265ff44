import { releaseOfAdvice } from "@/server/advice";
import { verifyLedger } from "@/server/audit";
import {
  archiveVersion,
  listAllVersions,
  listModelAliases,
  listModels,
  PRODUCTION,
  providerSchema,
  registerVersion,
  releaseAt,
  setModelAlias,
  type ModelKind,
  type Provider,
} from "@/server/registry";
import { cliActor } from "../actor";
import type { Command } from "../command";
import { UsageError } from "../command";

const USAGE = `npm run cli -- registry <action> [options]

  register --kind embedder|analyzer|prompt|bias-policy --name N --version V [--file PATH]
           [--openai-base-url URL --openai-model M [--openai-api-key-env VAR]]
           [--changelog TEXT] [--training-data TEXT] [--tags a,b] [--sha256 HEX] [--json]
                    register an immutable version; --file is copied into the artifact store
                    with its sha256 (a GGUF, a MiniLM folder, a prompt text, a policy JSON).
                    An OpenAI-compatible analyzer must answer GET <url>/models; its API key
                    is read from the variable --openai-api-key-env names and never stored.
                    --sha256: the hash the file must have (e.g. the one its publisher lists).
  list [--json]     models, their versions and aliases
  alias <name> <alias> <version>
                    point a model's alias (production, staging, any name) at a version
  archive <name> <version> --reason TEXT
                    no new release may use the version (releases that do keep working)
  at <ISO-8601 time> [--json]
                    which release was in production at that time (from the ledger)
  answered <advice-id> [--json]
                    which release (and component versions) answered an advice request
  verify-ledger [--json]
                    recompute the hash chain of the audit log; exit 0 when intact,
                    1 naming the first entry whose hash or link does not match
                    (--json: {ok, entries, firstBroken: {id, reason} | null})`;

const str = (value: unknown) => (typeof value === "string" ? value : undefined);

function providerFrom(values: Record<string, unknown>): Provider | undefined {
  const baseUrl = str(values["openai-base-url"]);
  const model = str(values["openai-model"]);
  const apiKeyEnv = str(values["openai-api-key-env"]);
  if (!baseUrl && !model && !apiKeyEnv) return undefined;
  if (!baseUrl || !model)
    throw new UsageError("an OpenAI-compatible analyzer needs both --openai-base-url and --openai-model");
  const parsed = providerSchema.safeParse({ kind: "openai", baseUrl, model, apiKeyEnv });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = { baseUrl: "--openai-base-url", model: "--openai-model", apiKeyEnv: "--openai-api-key-env" }[
      String(issue.path[0]) as "baseUrl"
    ];
    throw new UsageError(`${flag}: ${issue.message}`);
  }
  return parsed.data;
}

async function register(values: Record<string, unknown>): Promise<number> {
  const kind = str(values.kind);
  const name = str(values.name);
  const version = str(values.version);
  if (!kind || !name || !version) throw new UsageError("registry register needs --kind, --name and --version");
  const row = await registerVersion(
    {
      kind: kind as ModelKind,
      name,
      version,
      file: str(values.file),
      sha256: str(values.sha256),
      provider: providerFrom(values),
      changelog: str(values.changelog),
      trainingData: str(values["training-data"]),
      tags: str(values.tags)
        ?.split(",")
        .map((tag) => tag.trim())
        .filter(Boolean),
    },
    cliActor().email,
  );
  if (values.json) console.log(JSON.stringify(row, null, 2));
  else {
    const sha = row.metadata.artifact ? `  sha256 ${row.metadata.artifact.sha256}` : "";
    console.log(`registered ${row.model}@${row.version} (${kind})${sha}`);
  }
  return 0;
}

async function list(json: boolean): Promise<number> {
  const [models, versions, aliases] = await Promise.all([listModels(), listAllVersions(), listModelAliases()]);
  const view = models.map((model) => ({
    name: model.name,
    kind: model.kind,
    versions: versions
      .filter((v) => v.model === model.name)
      .map((v) => ({
        version: v.version,
        aliases: aliases.filter((a) => a.model === model.name && a.version === v.version).map((a) => a.alias),
        provider: v.metadata.provider ?? null,
        artifact: v.metadata.artifact ? { uri: v.metadata.artifact.uri, sha256: v.metadata.artifact.sha256 } : null,
        changelog: v.changelog,
        archived: v.archivedAt !== null,
        createdBy: v.createdBy,
        createdAt: v.createdAt.toISOString(),
      })),
  }));
  if (json) {
    console.log(JSON.stringify(view, null, 2));
    return 0;
  }
  if (view.length === 0) console.log("no models registered yet (npm start registers what the environment configures)");
  for (const model of view) {
    console.log(`${model.name} (${model.kind})`);
    for (const v of model.versions) {
      const aliasText = v.aliases.length ? `  [${v.aliases.join(", ")}]` : "";
      console.log(
        `  ${v.version.padEnd(12)}${v.archived ? " archived" : ""}${aliasText}  ${v.createdAt}  ${v.changelog}`,
      );
    }
  }
  return 0;
}

async function at(time: string | undefined, json: boolean): Promise<number> {
  if (!time) throw new UsageError("registry at needs an ISO-8601 time, e.g. 2026-11-29T08:00:00Z");
  const when = new Date(time);
  if (!/^\d{4}-\d{2}-\d{2}/.test(time) || Number.isNaN(when.getTime())) {
    throw new UsageError(`"${time}" is not an ISO-8601 time (e.g. 2026-11-29T08:00:00Z)`);
  }
  const entry = await releaseAt(PRODUCTION, when);
  if (json) {
    console.log(
      JSON.stringify({
        at: when.toISOString(),
        release: entry?.release ?? null,
        since: entry?.at.toISOString() ?? null,
        by: entry?.actor ?? null,
        action: entry?.action ?? null,
        reason: entry?.reason ?? null,
        ledgerEntry: entry?.ledgerId ?? null,
      }),
    );
  } else if (!entry) console.log(`no release was in production at ${when.toISOString()}`);
  else {
    console.log(
      `${entry.release} was in production at ${when.toISOString()} (since ${entry.at.toISOString()}, ` +
        `${entry.action.replace("release.", "")} by ${entry.actor}: ${entry.reason ?? "no reason given"}; ledger entry ${entry.ledgerId})`,
    );
  }
  return 0;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function answered(id: string | undefined, json: boolean): Promise<number> {
  if (!id || !UUID.test(id))
    throw new UsageError(`registry answered needs an advice request id (a UUID), not ${id ?? "nothing"}`);
  const answer = await releaseOfAdvice(id);
  if (json) {
    console.log(JSON.stringify({ ...answer, at: answer.at.toISOString() }));
    return 0;
  }
  const when = `${answer.channel} request at ${answer.at.toISOString()}, ${answer.status}`;
  if (!answer.release)
    console.log(`advice ${id} (${when}) was answered before releases existed: ${JSON.stringify(answer.versions)}`);
  else {
    const parts = Object.entries(answer.versions).map(([part, version]) => `${part} ${version}`);
    console.log(`advice ${id} (${when}) was answered by release ${answer.release}: ${parts.join(", ")}`);
  }
  return 0;
}

export const registryCommand: Command = {
  name: "registry",
  summary: "the model registry: register versions, aliases, production at a time, the audit ledger",
  usage: USAGE,
  options: {
    json: { type: "boolean" },
    kind: { type: "string" },
    name: { type: "string" },
    version: { type: "string" },
    file: { type: "string" },
    "openai-base-url": { type: "string" },
    "openai-model": { type: "string" },
    "openai-api-key-env": { type: "string" },
    changelog: { type: "string" },
    "training-data": { type: "string" },
    tags: { type: "string" },
    sha256: { type: "string" },
    reason: { type: "string" },
  },
  async run({ positionals, values }) {
    const [action, ...rest] = positionals;
    const json = Boolean(values.json);
    switch (action) {
      case "register":
        return register(values);
      case "list":
        return list(json);
      case "alias": {
        const [name, alias, version] = rest;
        if (!name || !alias || !version) throw new UsageError("registry alias needs <name> <alias> <version>");
        await setModelAlias(name, alias, version, cliActor().email);
        console.log(`${name}: ${alias} → ${version}`);
        return 0;
      }
      case "archive": {
        const [name, version] = rest;
        const reason = str(values.reason);
        if (!name || !version || !reason) throw new UsageError("registry archive needs <name> <version> --reason TEXT");
        await archiveVersion(name, version, cliActor().email, reason);
        console.log(`archived ${name}@${version}`);
        return 0;
      }
      case "at":
        return at(rest[0], json);
      case "answered":
        return answered(rest[0], json);
      case "verify-ledger": {
        const verdict = await verifyLedger();
        if (json) console.log(JSON.stringify(verdict));
        else if (verdict.firstBroken) {
          console.log(`ledger broken at entry ${verdict.firstBroken.id}: ${verdict.firstBroken.reason}`);
        } else console.log(`ledger intact: ${verdict.entries} entries`);
        return verdict.ok ? 0 : 1;
      }
      default:
        throw new UsageError(`unknown registry command: ${action ?? "(none)"}`);
    }
  },
};
