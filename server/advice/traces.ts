import { and, desc, eq, gte, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { users } from "../auth";
import { getDb } from "../db";
import { AppError } from "../errors";
import { documentsByIds } from "../ingest";
import { adviceRequests, type AdviceStatus } from "./tables";
import { timelineOf, type Timeline } from "./trace-timeline";

/**
 * The console's trace view over stored requests: find requests (by id, user, time, release,
 * flag), and read one request's path through the graph with what it answered. Read-only.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRACE_ID = /^[0-9a-f]{32}$/i;

export const traceSearchInput = z
  .object({
    /** An advice id, a request id (x-request-id) or a trace id. */
    id: z.string().trim().max(128, "id: at most 128 characters").optional(),
    /** A user's id or email, a partner's id, or the user id a partner sent. */
    user: z.string().trim().max(320, "user: at most 320 characters").optional(),
    from: z.date({ message: "from must be a date" }).optional(),
    to: z.date({ message: "to must be a date" }).optional(),
    release: z.string().trim().max(100, "release: at most 100 characters").optional(),
    flagged: z.boolean({ message: "flagged is true or false" }).optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .refine((input) => !input.from || !input.to || input.from < input.to, {
    path: ["to"],
    message: "to must be after from",
  });
export type TraceSearch = z.input<typeof traceSearchInput>;

export const traceInput = z.object({ adviceId: z.string().uuid("adviceId must be a UUID") });

export interface TraceSummary {
  id: string;
  requestId: string | null;
  traceId: string | null;
  createdAt: Date;
  channel: "chat" | "api";
  /** The signed-in user's email, or the partner's own user id. */
  who: string | null;
  release: string | null;
  experiment: string | null;
  variant: number | null;
  status: AdviceStatus;
  flagged: boolean | null;
  totalMs: number | null;
  /** The first words of the question: enough to tell requests apart. */
  questionStart: string;
}

const QUESTION_START = 80;

/** The filter's conditions; an id or user that cannot match anything matches nothing rather than failing. */
function conditions(filter: z.output<typeof traceSearchInput>): SQL[] {
  const where: SQL[] = [];
  if (filter.id) {
    const id = filter.id;
    if (UUID.test(id)) where.push(or(eq(adviceRequests.id, id), eq(adviceRequests.requestId, id))!);
    else if (TRACE_ID.test(id))
      where.push(or(eq(adviceRequests.traceId, id.toLowerCase()), eq(adviceRequests.requestId, id))!);
    else where.push(eq(adviceRequests.requestId, id));
  }
  if (filter.user) {
    const user = filter.user;
    if (UUID.test(user)) where.push(or(eq(adviceRequests.userId, user), eq(adviceRequests.partnerId, user))!);
    else if (user.includes("@")) where.push(sql`lower(${users.email}) = ${user.toLowerCase()}`);
    else where.push(eq(adviceRequests.externalUserId, user));
  }
  if (filter.from) where.push(gte(adviceRequests.createdAt, filter.from));
  if (filter.to) where.push(lt(adviceRequests.createdAt, filter.to));
  if (filter.release) where.push(eq(adviceRequests.release, filter.release));
  if (filter.flagged !== undefined) {
    where.push(filter.flagged ? eq(adviceRequests.biasFlagged, true) : sql`${adviceRequests.biasFlagged} is not true`);
  }
  return where;
}

/** Stored requests matching the filter, newest first. */
export async function searchTraces(input: TraceSearch): Promise<TraceSummary[]> {
  const filter = traceSearchInput.parse(input);
  const rows = await getDb()
    .select({
      id: adviceRequests.id,
      requestId: adviceRequests.requestId,
      traceId: adviceRequests.traceId,
      createdAt: adviceRequests.createdAt,
      channel: adviceRequests.channel,
      email: users.email,
      externalUserId: adviceRequests.externalUserId,
      release: adviceRequests.release,
      experiment: adviceRequests.experiment,
      variant: adviceRequests.variant,
      status: adviceRequests.status,
      flagged: adviceRequests.biasFlagged,
      totalMs: adviceRequests.totalMs,
      questionStart: sql<string>`left(${adviceRequests.query}, ${QUESTION_START})`,
    })
    .from(adviceRequests)
    .leftJoin(users, eq(users.id, adviceRequests.userId))
    .where(and(...conditions(filter)))
    .orderBy(desc(adviceRequests.createdAt), desc(adviceRequests.id))
    .limit(filter.limit);
  return rows.map(({ email, externalUserId, ...row }) => ({ ...row, who: email ?? externalUserId }));
}

export interface TraceSource {
  id: number;
  score: number;
  /** The document's text as the analyzer read it; null when the document was deleted since. */
  text: string | null;
}

export interface TraceDetail extends Omit<TraceSummary, "questionStart"> {
  question: string;
  answer: string;
  error: string | null;
  conversationId: string;
  versions: Record<string, string>;
  /** The prompt version the analyzer used (also in `versions`). */
  promptVersion: string | null;
  bias: { score: number | null; flagged: boolean | null; reasons: string[] };
  recommendation: string | null;
  sources: TraceSource[];
  timeline: Timeline;
  timings: Record<string, number>;
}

/** One stored request, as the trace view shows it; not_found when there is none. */
export async function traceOf(adviceId: string): Promise<TraceDetail> {
  const { adviceId: id } = traceInput.parse({ adviceId });
  const [row] = await getDb()
    .select({ request: adviceRequests, email: users.email })
    .from(adviceRequests)
    .leftJoin(users, eq(users.id, adviceRequests.userId))
    .where(eq(adviceRequests.id, id));
  if (!row) throw new AppError("not_found", `no advice request ${id}`);
  const { request, email } = row;
  const documents = new Map((await documentsByIds(request.sources.map((s) => s.id))).map((doc) => [doc.id, doc]));
  return {
    id: request.id,
    requestId: request.requestId,
    traceId: request.traceId,
    createdAt: request.createdAt,
    channel: request.channel,
    who: email ?? request.externalUserId,
    release: request.release,
    experiment: request.experiment,
    variant: request.variant,
    status: request.status,
    flagged: request.biasFlagged,
    totalMs: request.totalMs,
    question: request.query,
    answer: request.advice,
    error: request.error,
    conversationId: request.conversationId,
    versions: Object.fromEntries(Object.entries(request.versions).filter(([, v]) => typeof v === "string")) as Record<
      string,
      string
    >,
    promptVersion: request.versions.prompt ?? null,
    bias: { score: request.biasScore, flagged: request.biasFlagged, reasons: request.biasReasons },
    recommendation: request.recommendation ?? null,
    sources: request.sources.map((source) => ({ ...source, text: documents.get(source.id)?.text ?? null })),
    timeline: timelineOf(request.spans, request.timings),
    timings: request.timings,
  };
}
