import { createHash, randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { env } from "../env";
import { AppError, toErrorBody } from "../errors";
import { logger } from "../logger";
import { getRedis, redisOutage } from "../redis";
import { readBodyText } from "./body-limit";

/**
 * `Idempotency-Key` on partner POSTs (draft-ietf-httpapi-idempotency-key-header): a retry with the
 * same key and body gets the first response, marked `Idempotency-Replayed: true`, and runs nothing
 * (so stores nothing new); the same key with another body is refused (422); a retry while the first
 * is still running is refused (409); keys expire 24 h after their response was stored.
 *
 * Only final answers are kept: 2xx, and 4xx other than 408, 409, 425 and 429 (which say "try
 * again"). A 5xx, one of those, or a thrown error other than such a 4xx releases the key, so the
 * retry runs again. Requests other than POST, and POSTs without the header, pass straight through.
 * Decision 023.
 */

const log = logger.child("idempotency");

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
export const REPLAYED_HEADER = "Idempotency-Replayed";
/** How long a stored response answers retries. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/**
 * How long an in-flight request holds its key. Far longer than any request takes, and short so
 * that a web instance dying mid-request does not leave its key answering 409 for a day.
 */
export const IDEMPOTENCY_LOCK_SECONDS = 5 * 60;

/** The headers a replay repeats; the rest (x-request-id, RateLimit-*, dates) belong to each request. */
const KEPT_HEADERS = ["content-type", "content-language", "location", "link"];
const NOT_FINAL = new Set([408, 409, 425, 429]);
const isFinal = (status: number) =>
  (status >= 200 && status < 300) || (status >= 400 && status < 500 && !NOT_FINAL.has(status));

/** 1–255 visible ASCII characters (no spaces or controls): what any client's UUIDs and tokens are. */
const VALID_KEY = /^[\x21-\x7E]{1,255}$/;

interface Processing {
  state: "processing";
  fingerprint: string;
  token: string;
}
interface Done {
  state: "done";
  fingerprint: string;
  status: number;
  headers: [string, string][];
  body: string;
}

// Writes only while the key still holds this request's lock: a request that outlived its lock
// must not overwrite (or release) what a later request stored.
const IF_OURS = `local current = redis.call('get', KEYS[1])
if not current or cjson.decode(current).token ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('del', KEYS[1]) else redis.call('set', KEYS[1], ARGV[2], 'EX', ARGV[3]) end
return 1`;

export interface IdempotencyOptions {
  redis?: Redis;
  ttlSeconds?: number;
  lockSeconds?: number;
}

export async function withIdempotency(
  scope: string,
  request: Request,
  run: (request: Request) => Promise<Response>,
  options: IdempotencyOptions = {},
): Promise<Response> {
  const key = request.headers.get(IDEMPOTENCY_HEADER);
  if (request.method !== "POST" || key === null) return run(request);
  if (!VALID_KEY.test(key)) {
    throw new AppError(
      "bad_request",
      `The ${IDEMPOTENCY_HEADER} header must be 1 to 255 visible ASCII characters (no spaces), e.g. a UUID.`,
    );
  }
  const redis = options.redis ?? getRedis();
  const ttlSeconds = options.ttlSeconds ?? IDEMPOTENCY_TTL_SECONDS;
  const lockSeconds = Math.min(options.lockSeconds ?? IDEMPOTENCY_LOCK_SECONDS, ttlSeconds);
  const body = await readBodyText(request);
  const fingerprint = createHash("sha256").update(body).digest("hex");
  const redisKey = `${env.APFA_QUEUE_PREFIX}:idem:${scope}:${key}`;
  const token = randomUUID();
  const lock: Processing = { state: "processing", fingerprint, token };

  const taken = await redisCall(() => redis.set(redisKey, JSON.stringify(lock), "EX", lockSeconds, "NX"));
  if (taken !== "OK") {
    const stored = await redisCall(() => redis.get(redisKey));
    // Expired between the two calls: rare enough that asking the caller to retry is fine.
    if (stored === null) throw stillProcessing();
    return answerFromStored(JSON.parse(stored) as Processing | Done, fingerprint);
  }

  const finish = async (value: Done | null) => {
    // A failure here only costs the retry a 409 until the lock expires (or a second run after it).
    await redis
      .eval(IF_OURS, 1, redisKey, token, value ? JSON.stringify(value) : "", String(ttlSeconds))
      .catch((error: unknown) => log.error("could not store or release an idempotency key", { scope, error }));
  };

  let response: Response;
  try {
    response = await run(new Request(request, { body }));
  } catch (error) {
    if (error instanceof AppError && isFinal(error.status)) {
      response = Response.json(toErrorBody(error), { status: error.status });
    } else {
      await finish(null);
      throw error;
    }
  }
  if (!isFinal(response.status)) {
    await finish(null);
    return response;
  }
  const text = await response.text();
  const headers = KEPT_HEADERS.flatMap((name): [string, string][] => {
    const value = response.headers.get(name);
    return value === null ? [] : [[name, value]];
  });
  await finish({ state: "done", fingerprint, status: response.status, headers, body: text });
  return new Response(bodyFor(response.status, text), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

function answerFromStored(stored: Processing | Done, fingerprint: string): Response {
  if (stored.fingerprint !== fingerprint) {
    throw new AppError(
      "unprocessable",
      `This ${IDEMPOTENCY_HEADER} was already used with a different body; send a new key for a different request.`,
    );
  }
  if (stored.state === "processing") throw stillProcessing();
  const headers = new Headers(stored.headers);
  headers.set(REPLAYED_HEADER, "true");
  return new Response(bodyFor(stored.status, stored.body), { status: stored.status, headers });
}

/** A 204 (or 205, 304) may not have a body, not even an empty one. */
const bodyFor = (status: number, text: string) => ([101, 204, 205, 304].includes(status) ? null : text);

const stillProcessing = () =>
  new AppError(
    "conflict",
    `A request with this ${IDEMPOTENCY_HEADER} is still being processed; retry once it has finished.`,
  );

/** A Redis failure as a 503 naming Redis: without it a retry could run twice, so nothing runs. */
async function redisCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    // An outage is logged once by the Redis connection and per call by the route (a warning).
    if (!redisOutage(error)) log.error("idempotency store failed", { error });
    throw new AppError(
      "unavailable",
      `${IDEMPOTENCY_HEADER} cannot be honoured because Redis is unreachable; nothing was done. Retry shortly.`,
    );
  }
}
