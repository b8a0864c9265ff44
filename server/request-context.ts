import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/**
 * Who and what the work in progress is for: an HTTP request, a tRPC call, a job. Log lines
 * (server/logger.ts) and spans (server/tracing) read it, so a handler says once who is calling
 * instead of repeating it in every log call. Never holds personal text (a borrower's question).
 */
export interface RequestContext {
  /** The x-request-id the caller sent (when sane) or one made for the request. */
  requestId?: string;
  userId?: string;
  partnerId?: string;
  /** What answered: known once serving has decided (server/advice sets them). */
  release?: string;
  experiment?: string;
  variant?: number;
  /** A job in the worker, as `queue:id`. */
  job?: string;
}

// On globalThis: Next.js may load this module more than once in one process (instrumentation and
// route bundles), and every copy must read the same store.
const holder = globalThis as typeof globalThis & { __apfaRequestContext?: AsyncLocalStorage<RequestContext> };
const storage = (holder.__apfaRequestContext ??= new AsyncLocalStorage<RequestContext>());

/** Runs `fn` with `fields` added to (a copy of) the current context: what `fn` adds stays inside it. */
export function withRequestContext<T>(fields: RequestContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...defined(fields) }, fn);
}

/** Adds what became known while the work runs (the caller, once authenticated; the release, once decided). */
export function addRequestContext(fields: RequestContext): void {
  const store = storage.getStore();
  if (store) Object.assign(store, defined(fields));
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

function defined(fields: RequestContext): RequestContext {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== null));
}

/** Letters, digits and `._:-`, at most 128: what an upstream proxy or client may sensibly send. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request id a caller sent in `x-request-id` when it is a sane value, else a new one: a caller
 * that tags its requests can find them in our logs and stored requests; anything else (too long,
 * spaces, control characters) must not reach a log line or a response header.
 */
export function requestIdFrom(headers: Headers): string {
  const sent = headers.get("x-request-id")?.trim();
  return sent && SANE_REQUEST_ID.test(sent) ? sent : randomUUID();
}
