/**
 * TEST-ONLY fixture: stores answers a release gave on earlier days, for the bias-monitoring e2e.
 *
 * The bias alert rules compare a release's last 7 days with the 7 before (server/bias/alert-rules.ts),
 * so whether an alert fires depends on two weeks of that release's answers, and an e2e test cannot
 * wait two weeks. This script writes that history through the product's own record writer
 * (storeAdviceRecord: the same labelling and the same review-queue hand-off as a live answer) and
 * scores each answer with the product's bias detector, as the orchestrator does; the only thing it
 * sets that a live request cannot is `createdAt`, in the past. Nothing in the product calls it.
 *
 * Run beside a running product (as the CLI is): APFA_DATA_DIR names the instance's data directory.
 *   node --import tsx e2e/support/backdated-answers.ts '{"release":"1.2.3","answers":[{"daysAgo":3,"question":"…","advice":"…"}]}'
 * Prints what it stored, as JSON: [{daysAgo, score}] (score: the detector's, as stored), in order.
 */
import { randomUUID } from "node:crypto";
import { joinRunningProduct } from "@/cli/local-product";
import { storeAdviceRecord } from "@/server/advice";
import { checkBias } from "@/server/bias";
import { closeDb } from "@/server/db";
import { closeQueues } from "@/server/queues";
import { closeRedis } from "@/server/redis";

export interface BackdatedAnswers {
  release: string;
  /** Each answer, stored at noon UTC `daysAgo` days before today (UTC). */
  answers: { daysAgo: number; question: string; advice: string }[];
}

const DAY_MS = 86_400_000;

/** Noon UTC of the day `daysAgo` days before today: the middle of the day, whatever the time now. */
function noonDaysAgo(daysAgo: number): Date {
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  return new Date(today - daysAgo * DAY_MS + DAY_MS / 2);
}

async function main(input: BackdatedAnswers): Promise<{ daysAgo: number; score: number }[]> {
  if (!input.release) throw new Error("release: name the release that gave the answers");
  for (const a of input.answers)
    if (!Number.isInteger(a.daysAgo) || a.daysAgo < 1) throw new Error(`daysAgo: a whole number ≥ 1, not ${a.daysAgo}`);
  joinRunningProduct();
  const scored = input.answers.map((answer) => ({ ...answer, bias: checkBias(answer.advice) }));
  await Promise.all(
    scored.map(({ bias, ...answer }) =>
      storeAdviceRecord({
        id: randomUUID(),
        channel: "chat",
        conversationId: randomUUID(),
        query: answer.question,
        status: "ok",
        advice: answer.advice,
        biasScore: bias.score,
        biasFlagged: bias.flagged,
        biasReasons: bias.reasons,
        release: input.release,
        // The monitor reads none of these; a live request would carry the release's engines and timings.
        versions: {},
        timings: {},
        createdAt: noonDaysAgo(answer.daysAgo),
      }),
    ),
  );
  return scored.map(({ daysAgo, bias }) => ({ daysAgo, score: bias.score }));
}

try {
  console.log(JSON.stringify(await main(JSON.parse(process.argv[2] ?? "") as BackdatedAnswers)));
} finally {
  await Promise.allSettled([closeQueues(), closeRedis(), closeDb()]);
}
