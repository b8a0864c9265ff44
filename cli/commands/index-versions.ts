import { listIndexVersions, validateIndex } from "@/server/index-store";
import { getRelease } from "@/server/registry";
import { promoteIndex, rollbackIndex } from "@/server/releases";
import { cliActor } from "../actor";
import { enqueue, waitForJob } from "@/server/queues";
import type { Command } from "../command";
import { UsageError } from "../command";

const USAGE = `npm run cli -- index <action> [options]

  build [--kind exact|hnsw] [--wait]   embed new/changed documents, build and validate a candidate
                                       (in the worker; --wait prints the new version when ready)
  validate <version> [--json]          recall@5 against exact search; HNSW: tune ef to reach 0.95
                                       (ε-recall, ann-benchmarks' ε = 0.01, is shown beside it;
                                       the 0.95 bar applies to strict recall)
  promote <version> [--override]       serve a validated version in every instance: shorthand for a
                                       release made from production with this index, shadow-replayed
                                       and promoted through the release gates (see release --help)
  rollback [version]                   back to an earlier version (default: the previous one), as
                                       a release rollback
  list [--json]                        versions, newest first

  --reason <text>   why (recorded in the audit log)
Versions may be shortened to 8 or more characters.`;

const BUILD_TIMEOUT_MS = 30 * 60_000;

/** `active: <version>` on stdout as before releases (scripts read it); the release that serves it on stderr. */
async function reportActive(release: string): Promise<void> {
  console.log(`active: ${(await getRelease(release)).indexVersion}`);
  console.error(`served by release ${release} (npm run cli -- release list)`);
}

async function build(kind: string, wait: boolean, reason: string | undefined): Promise<number> {
  if (kind !== "exact" && kind !== "hnsw") throw new UsageError(`--kind must be exact or hnsw, not ${kind}`);
  const embed = await enqueue("embed", { requestedBy: cliActor().email, build: "always", kind, reason });
  if (!wait) {
    console.log(`queued embed job ${embed.id}; the build and validation follow in the worker`);
    return 0;
  }
  const embedded = await waitForJob<{ buildJobId: string }>("embed", embed.id, BUILD_TIMEOUT_MS);
  const built = await waitForJob<{ version: string; validateJobId: string }>(
    "build-index",
    embedded.buildJobId,
    BUILD_TIMEOUT_MS,
  );
  await waitForJob("validate-index", built.validateJobId, BUILD_TIMEOUT_MS);
  console.log(built.version);
  return 0;
}

export const indexCommand: Command = {
  name: "index",
  summary: "build, validate, promote, roll back and list vector index versions",
  usage: USAGE,
  options: {
    kind: { type: "string", default: "exact" },
    wait: { type: "boolean" },
    json: { type: "boolean" },
    reason: { type: "string" },
    override: { type: "boolean" },
  },
  async run({ positionals, values }) {
    const [action, version] = positionals;
    const reason = values.reason as string | undefined;
    switch (action) {
      case "build":
        return build(values.kind as string, Boolean(values.wait), reason);
      case "validate": {
        if (!version) throw new UsageError("index validate needs a version");
        const result = await validateIndex(version, { actor: cliActor().email });
        if (values.json) {
          // {version, kind, recall, epsilonRecall, efSearch, steps, promotable}
          console.log(JSON.stringify(result, null, 2));
        } else {
          console.log(
            `${result.version}: recall@5 ${result.recall.toFixed(3)}, ε-recall@5 ${result.epsilonRecall.toFixed(3)}` +
              (result.efSearch ? ` at ef ${result.efSearch}` : "") +
              (result.promotable ? "" : " — recall below 0.95, cannot be promoted"),
          );
        }
        return result.promotable ? 0 : 1;
      }
      case "promote": {
        if (!version) throw new UsageError("index promote needs a version");
        const result = await promoteIndex(version, { actor: cliActor(), reason, override: Boolean(values.override) });
        await reportActive(result.release);
        return 0;
      }
      case "rollback": {
        const result = await rollbackIndex(version, { actor: cliActor(), reason });
        await reportActive(result.release);
        return 0;
      }
      case "list": {
        const rows = await listIndexVersions();
        if (values.json) {
          const list = rows.map((r) => ({
            version: r.version,
            active: r.active,
            kind: r.kind,
            vectors: r.vectors,
            recall: r.recall,
            epsilonRecall: r.epsilonRecall,
            createdAt: r.createdAt.toISOString(),
          }));
          console.log(JSON.stringify(list, null, 2));
        } else {
          for (const r of rows) {
            const recall =
              r.recall === null
                ? "not validated"
                : `recall ${r.recall.toFixed(3)}` +
                  (r.epsilonRecall === null ? "" : `  ε-recall ${r.epsilonRecall.toFixed(3)}`);
            console.log(
              `${r.active ? "*" : " "} ${r.version.slice(0, 16)}  ${r.kind.padEnd(5)}  ${String(r.vectors).padStart(9)} vectors  ${recall}  ${r.createdAt.toISOString()}`,
            );
          }
        }
        return 0;
      }
      default:
        throw new UsageError(`unknown index action: ${action ?? "(none)"}`);
    }
  },
};
