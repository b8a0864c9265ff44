import {
  approveRelease,
  createReleaseForReview,
  evaluateGates,
  listReleaseViews,
  promoteRelease,
  requestShadowReplay,
  rollbackRelease,
  type GateResult,
  type ReleaseView,
} from "@/server/releases";
import { waitForJob } from "@/server/queues";
import { cliActor } from "../actor";
import type { Command } from "../command";
import { UsageError } from "../command";

const USAGE = `npm run cli -- release <action> [options]

  create --version V [--from <release>] [--embedder N@V] [--index V] [--analyzer N@V]
         [--prompt V] [--bias-policy V] --changelog TEXT [--json]
                    bundle component versions into a release; unnamed parts are taken
                    from --from (default: production). --prompt and --bias-policy take a
                    version of the model the base release uses, or N@V.
  list [--json]     releases, newest first: [{version, aliases, components:{embedder, index,
                    analyzer, prompt, biasPolicy}, gates, createdAt}]
  gates <version> [--json]
                    each gate's result and reason (index validated, artifacts' sha256, the
                    analyzer answers, shadow replay, fairness audit)
  replay <version> [--questions N] [--wait]
                    shadow-replay recent production questions through the release (in the worker)
  approve <version> [--note TEXT]
                    a second person's approval (four-eyes; void once the release changes)
  promote <version> --reason TEXT [--override]
                    put the release in production through its gates; exit 1 naming each failing
                    gate. --override (admins) records the reason as the justification.
  rollback [version] --reason TEXT
                    return production to an earlier release (default: the previous one);
                    nothing is rebuilt`;

const str = (value: unknown) => (typeof value === "string" ? value : undefined);
const REPLAY_TIMEOUT_MS = 30 * 60_000;

function gateLine(g: GateResult): string {
  const mark = { passed: "✓", failed: "✗", pending: "…", "not-applicable": "–" }[g.status];
  return `  ${mark} ${g.name.padEnd(22)} ${g.status.padEnd(14)} ${g.reason}`;
}

function listJson(views: ReleaseView[]) {
  return views.map((v) => ({
    version: v.version,
    aliases: v.aliases,
    components: v.components,
    gates: v.gates,
    changelog: v.changelog,
    shadow: v.shadow && { status: v.shadow.status, summary: v.shadow.summary },
    createdBy: v.createdBy,
    createdAt: v.createdAt.toISOString(),
  }));
}

function printList(views: ReleaseView[]) {
  if (views.length === 0) console.log("no releases yet (npm start registers release 1.0.0 from the environment)");
  for (const v of views) {
    const aliases = v.aliases.length ? ` [${v.aliases.join(", ")}]` : "";
    const failing = v.gates.filter((g) => g.blocking).map((g) => g.name);
    console.log(`${v.version}${aliases}  ${v.createdAt.toISOString()}  ${v.changelog}`);
    const c = v.components;
    console.log(
      `  embedder ${c.embedder}  index ${c.index.slice(0, 12)}  analyzer ${c.analyzer}  prompt ${c.prompt}  bias-policy ${c.biasPolicy}`,
    );
    console.log(`  gates: ${failing.length ? `blocked by ${failing.join(", ")}` : "all pass"}`);
  }
}

async function promote(version: string | undefined, values: Record<string, unknown>): Promise<number> {
  if (!version) throw new UsageError("release promote needs a version");
  const reason = str(values.reason);
  if (!reason) throw new UsageError("release promote needs --reason TEXT (it is recorded in the ledger)");
  try {
    const result = await promoteRelease({ version, reason, override: Boolean(values.override), actor: cliActor() });
    for (const g of result.gates) console.log(gateLine(g));
    if (result.overridden.length) console.log(`overridden: ${result.overridden.join(", ")} (justification recorded)`);
    console.log(`production: ${result.release} (was ${result.previous ?? "none"})`);
    return 0;
  } catch (error) {
    const failing = (error as { details?: { failing?: GateResult[] } }).details?.failing;
    if (!failing) throw error;
    console.error(`release ${version} cannot be promoted; failing gates:`);
    for (const g of failing) console.error(gateLine(g));
    console.error("an admin may pass --override with a --reason that justifies it");
    return 1;
  }
}

export const releaseCommand: Command = {
  name: "release",
  summary: "create, list, check, replay, approve, promote and roll back releases",
  usage: USAGE,
  options: {
    json: { type: "boolean" },
    version: { type: "string" },
    from: { type: "string" },
    embedder: { type: "string" },
    index: { type: "string" },
    analyzer: { type: "string" },
    prompt: { type: "string" },
    "bias-policy": { type: "string" },
    changelog: { type: "string" },
    reason: { type: "string" },
    override: { type: "boolean" },
    note: { type: "string" },
    questions: { type: "string" },
    wait: { type: "boolean" },
  },
  async run({ positionals, values }) {
    const [action, version] = positionals;
    const json = Boolean(values.json);
    switch (action) {
      case "create": {
        const wanted = str(values.version);
        const changelog = str(values.changelog);
        if (!wanted || !changelog) throw new UsageError("release create needs --version V and --changelog TEXT");
        const row = await createReleaseForReview(
          {
            version: wanted,
            from: str(values.from),
            embedder: str(values.embedder),
            index: str(values.index),
            analyzer: str(values.analyzer),
            prompt: str(values.prompt),
            biasPolicy: str(values["bias-policy"]),
            changelog,
          },
          cliActor().email,
        );
        if (json) console.log(JSON.stringify(row, null, 2));
        else console.log(`created release ${row.version}`);
        return 0;
      }
      case "list": {
        const views = await listReleaseViews();
        if (json) console.log(JSON.stringify(listJson(views), null, 2));
        else printList(views);
        return 0;
      }
      case "gates": {
        if (!version) throw new UsageError("release gates needs a version");
        const gates = await evaluateGates(version, { fresh: true });
        if (json) console.log(JSON.stringify(gates, null, 2));
        else for (const g of gates) console.log(gateLine(g));
        return gates.some((g) => g.blocking) ? 1 : 0;
      }
      case "replay": {
        if (!version) throw new UsageError("release replay needs a version");
        const questions = str(values.questions);
        if (questions !== undefined && !/^\d+$/.test(questions))
          throw new UsageError("--questions must be a whole number");
        const queued = await requestShadowReplay({
          version,
          questions: questions === undefined ? undefined : Number(questions),
          actor: cliActor().email,
        });
        if (!values.wait) {
          console.log(`queued shadow replay ${queued.replayId} (job ${queued.jobId}); see release gates ${version}`);
          return 0;
        }
        await waitForJob("shadow-replay", queued.jobId, REPLAY_TIMEOUT_MS);
        const gate = (await evaluateGates(version)).find((g) => g.name === "shadow-replay")!;
        console.log(gateLine(gate));
        return gate.status === "passed" ? 0 : 1;
      }
      case "approve": {
        if (!version) throw new UsageError("release approve needs a version");
        const approvals = await approveRelease({ version, note: str(values.note), actor: cliActor() });
        console.log(`release ${version} approved by ${approvals.map((a) => a.approver).join(", ")}`);
        return 0;
      }
      case "promote":
        return promote(version, values);
      case "rollback": {
        const reason = str(values.reason);
        if (!reason) throw new UsageError("release rollback needs --reason TEXT (it is recorded in the ledger)");
        const result = await rollbackRelease({ version, reason, actor: cliActor() });
        console.log(`production: ${result.release} (was ${result.previous ?? "none"})`);
        return 0;
      }
      default:
        throw new UsageError(`unknown release command: ${action ?? "(none)"}`);
    }
  },
};
