import fs from "node:fs";
import { backfillReviewQueue } from "@/server/advice";
import {
  assignReviewItem,
  confirmedCases,
  decideReviewItem,
  getReviewItem,
  listReviewItems,
  REVIEW_STATUSES,
  type ReviewItem,
  type ReviewStatus,
} from "@/server/review";
import { cliActor } from "../actor";
import type { Command } from "../command";
import { UsageError } from "../command";
import { agreement, judgeCommand, pairs, PAIRS_USAGE } from "./review-pairs";

const USAGE = `npm run cli -- review <action> [options]

  list [--status open|confirmed|dismissed] [--json]
                    flagged answers in the review queue, newest first; with --json prints
                    [{id, adviceId, release, score, reasons, status, createdAt}]
  decide <id> confirm|dismiss --note TEXT [--reasons A,B]
                    confirm the answer as biased or dismiss the flag, saying why; --reasons marks
                    which of the detector's reasons are right, by number (1 = first) or full
                    text (a confirmation only)
  assign <id> --to EMAIL
                    give the item to a reviewer (an ML engineer or admin)
  export [--out FILE]
                    confirmed items as labelled cases, JSON lines
                    {question, advice, label: "biased", reasons}, to FILE or stdout
  backfill          put flagged answers stored before the queue existed in it (idempotent)

Blind review of fairness-audit pairs:
${PAIRS_USAGE}`;

const PAGE = 200;

/** The contract's shape of an item. */
export function itemJson(item: ReviewItem) {
  return {
    id: item.id,
    adviceId: item.adviceId,
    release: item.release,
    score: item.score,
    reasons: item.reasons,
    status: item.status,
    createdAt: item.createdAt.toISOString(),
  };
}

function itemId(text: string | undefined, action: string): number {
  if (text === undefined) throw new UsageError(`review ${action} needs an item id`);
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id <= 0) throw new UsageError(`not a review item id: ${text}`);
  return id;
}

async function list(values: Record<string, unknown>): Promise<number> {
  const status = values.status;
  if (status !== undefined && !REVIEW_STATUSES.includes(status as ReviewStatus))
    throw new UsageError(`--status must be one of ${REVIEW_STATUSES.join(", ")}, not ${String(status)}`);
  const items: ReviewItem[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await listReviewItems({ status: status as ReviewStatus | undefined }, { limit: PAGE, offset });
    items.push(...page.items);
    if (page.items.length < PAGE) break;
  }
  if (values.json) console.log(JSON.stringify(items.map(itemJson), null, 2));
  else if (items.length === 0) console.log(`no ${status ? `${String(status)} ` : ""}items in the review queue`);
  else
    for (const item of items)
      console.log(
        `${String(item.id).padStart(6)}  ${item.status.padEnd(9)} ${item.score.toFixed(3)}  ${(item.release ?? "-").padEnd(12)} ` +
          `${item.createdAt.toISOString()}  ${item.reasons.map((r, i) => `${i + 1}. ${r}`).join("  ")}`,
      );
  return 0;
}

/**
 * The reasons --reasons names, each by its number in the item's list (1 = first, as `review list`
 * shows them) or by its full text; anything else is left for the domain to refuse by name.
 */
async function markedReasons(id: number, text: string): Promise<string[]> {
  const { reasons } = await getReviewItem(id);
  return text
    .split(",")
    .map((token) => token.trim())
    .filter((token) => token !== "")
    .map((token) => (/^\d+$/.test(token) ? (reasons[Number(token) - 1] ?? `reason #${token}`) : token));
}

async function decide(rest: string[], values: Record<string, unknown>): Promise<number> {
  const [idText, decision, ...extra] = rest;
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(" ")}`);
  const id = itemId(idText, "decide");
  if (decision !== "confirm" && decision !== "dismiss")
    throw new UsageError(`review decide <id> needs confirm or dismiss${decision ? `, not ${decision}` : ""}`);
  if (typeof values.note !== "string") throw new UsageError("review decide needs --note TEXT saying why");
  const reasons = typeof values.reasons === "string" ? await markedReasons(id, values.reasons) : undefined;
  const item = await decideReviewItem({ id, decision, note: values.note, correctReasons: reasons }, cliActor().email);
  console.log(`review item ${item.id}: ${item.status} by ${item.decidedBy}`);
  return 0;
}

async function assign(rest: string[], values: Record<string, unknown>): Promise<number> {
  const [idText, ...extra] = rest;
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(" ")}`);
  const id = itemId(idText, "assign");
  if (typeof values.to !== "string") throw new UsageError("review assign needs --to EMAIL");
  const item = await assignReviewItem({ id, to: values.to }, cliActor().email);
  console.log(`review item ${item.id}: assigned to ${item.assignee}`);
  return 0;
}

async function exportCases(values: Record<string, unknown>): Promise<number> {
  const cases = await confirmedCases();
  const lines = cases.map((c) => `${JSON.stringify(c)}\n`).join("");
  if (typeof values.out === "string") {
    fs.writeFileSync(values.out, lines);
    console.error(`${cases.length} labelled cases written to ${values.out}`);
  } else process.stdout.write(lines);
  return 0;
}

export const reviewCommand: Command = {
  name: "review",
  summary: "the review queue of flagged answers (list, decide, assign, export) and blind review of audit pairs",
  usage: USAGE,
  options: {
    status: { type: "string" },
    json: { type: "boolean" },
    note: { type: "string" },
    reasons: { type: "string" },
    to: { type: "string" },
    out: { type: "string" },
    audit: { type: "string" },
  },
  async run({ positionals: [action, ...rest], values }) {
    const none = () => {
      if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(" ")}`);
    };
    switch (action) {
      case "list":
        none();
        return list(values);
      case "decide":
        return decide(rest, values);
      case "assign":
        return assign(rest, values);
      case "export":
        none();
        return exportCases(values);
      case "pairs":
        none();
        return pairs(values);
      case "judge-pair":
        return judgeCommand(rest, values);
      case "agreement":
        none();
        return agreement(values);
      case "backfill": {
        none();
        const added = await backfillReviewQueue();
        console.log(`${added} flagged answers added to the review queue`);
        return 0;
      }
      default:
        throw new UsageError(
          action
            ? `unknown review command: ${action}`
            : "name a review command (list, decide, assign, export, backfill, pairs, judge-pair, agreement)",
        );
    }
  },
};
