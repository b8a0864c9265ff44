import { eq } from "drizzle-orm";
import { recentQuestions } from "../../advice";
import { getDb } from "../../db";
import { AppError } from "../../errors";
import { logger } from "../../logger";
import { enqueue } from "../../queues";
import { answerWithRelease } from "../../serving";
import { aliasedRelease, compositionOf, getRelease, PRODUCTION, releaseParts, shadowReplays } from "../../registry";
import { promotionPolicy } from "../policy";
import { compareReplay, type CandidateAnswer } from "./compare";

const log = logger.child("shadow-replay");

/** One question answered by a release, storing nothing (the serving domain's replay); a failure is kept as `error`. */
async function replayed(release: string, question: string): Promise<CandidateAnswer> {
  try {
    const answer = await answerWithRelease(release, question);
    return {
      sources: answer.sources.map((source) => source.id),
      flagged: answer.bias?.flagged ?? false,
      adviceChars: answer.advice.length,
      latencyMs: answer.latencyMs,
    };
  } catch (error) {
    return {
      sources: [],
      flagged: false,
      adviceChars: 0,
      latencyMs: 0,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

export type ShadowReplayRow = typeof shadowReplays.$inferSelect;

/** Stores a queued replay of the candidate's current composition. */
async function recordReplay(version: string, questions: number, actor: string): Promise<ShadowReplayRow> {
  if (!Number.isInteger(questions) || questions < 1 || questions > 10_000) {
    throw new AppError("bad_request", "questions: must be a whole number from 1 to 10000");
  }
  const release = await getRelease(version);
  const composition = compositionOf(release, await releaseParts(release));
  const [row] = await getDb()
    .insert(shadowReplays)
    .values({ release: release.version, composition, status: "queued", questions, requestedBy: actor })
    .returning();
  return row!;
}

/** Records a replay of the candidate and queues it for the worker (the console's and CLI's way). */
export async function requestShadowReplay(input: {
  version: string;
  questions?: number;
  actor: string;
}): Promise<{ replayId: number; jobId: string }> {
  const row = await recordReplay(input.version, input.questions ?? promotionPolicy().shadowQuestions, input.actor);
  const job = await enqueue("shadow-replay", { requestedBy: input.actor, replayId: row.id });
  log.info("shadow replay queued", { release: row.release, replayId: row.id, questions: row.questions, jobId: job.id });
  return { replayId: row.id, jobId: job.id };
}

/** Records and runs a replay in this process, for callers that wait for the verdict (`index promote`). */
export async function requestShadowReplayNow(version: string, actor: string) {
  const row = await recordReplay(version, promotionPolicy().shadowQuestions, actor);
  return runShadowReplay(row.id);
}

async function finish(id: number, values: Partial<ShadowReplayRow>): Promise<void> {
  await getDb()
    .update(shadowReplays)
    .set({ ...values, finishedAt: new Date() })
    .where(eq(shadowReplays.id, id));
}

/**
 * Asks the last N answered production questions (their text only, from stored requests) of the
 * candidate and of the production release, one after the other in this process, and compares:
 * top-5 source overlap, bias flags gained or lost, advice length and latency. Both answer now,
 * on the same data, so what differs is the release. The result is stored with the candidate,
 * passed or failed under the policy; a replay that cannot run is stored as an error and rethrown.
 */
export async function runShadowReplay(replayId: number): Promise<ShadowReplayRow> {
  const [row] = await getDb().select().from(shadowReplays).where(eq(shadowReplays.id, replayId));
  if (!row) throw new AppError("not_found", `no shadow replay ${replayId}`);
  await getDb().update(shadowReplays).set({ status: "running" }).where(eq(shadowReplays.id, replayId));
  try {
    const baseline = (await aliasedRelease(PRODUCTION))?.version;
    if (!baseline) throw new AppError("conflict", "there is no production release to compare with");
    const questions = await recentQuestions(row.questions ?? promotionPolicy().shadowQuestions);
    const pairs = [];
    for (const question of questions) {
      const production = await replayed(baseline, question);
      // A question production itself cannot answer now says nothing about the candidate.
      if (production.error) continue;
      pairs.push({ production, candidate: await replayed(row.release, question) });
    }
    const failures = pairs.filter((p) => p.candidate.error);
    if (failures.length > 0) {
      log.warn("shadow replay: the candidate failed some questions", {
        release: row.release,
        replayId,
        failed: failures.length,
        first: failures[0]!.candidate.error,
      });
    }
    const { minMeanTop5Overlap, maxNewBiasFlags } = promotionPolicy();
    const summary = compareReplay(pairs, { minMeanTop5Overlap, maxNewBiasFlags }, baseline);
    await finish(replayId, { status: summary.passed ? "passed" : "failed", summary });
    log.info("shadow replay finished", {
      release: row.release,
      replayId,
      passed: summary.passed,
      questions: summary.questions,
    });
    return { ...row, status: summary.passed ? "passed" : "failed", summary };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error("shadow replay could not run", { release: row.release, replayId, error });
    await finish(replayId, { status: "error", error: message });
    throw error;
  }
}
