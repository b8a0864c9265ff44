import fc from "fast-check";
import { sql } from "drizzle-orm";
import { getDb } from "@/server/db";

/**
 * Hostile input for the fuzz tests of every public surface (tRPC, the chat route, the REST API,
 * CLI ingest): malformed, oversized, wrong-typed, unicode-edge and injection-style values, and
 * the row counts of every table, to show a refused call changed nothing.
 */

/** Larger than every JSON body limit (64 KiB). */
export const OVERSIZED_BYTES = 64 * 1024 + 1;

export const injections = [
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '" OR ""="',
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "{{7*7}}",
  "${7*7}",
  "#{7*7}",
  "../../etc/passwd",
  "..\\..\\windows\\win.ini",
  '{"$where": "sleep(1000)"}',
  "$where",
  "__proto__",
  "constructor",
  "%00",
  "%s%s%s%n",
  "\r\nSet-Cookie: a=b",
  "javascript:alert(1)",
];

export const unicodeEdges = [
  "\uD800", // lone high surrogate
  "\uDFFF", // lone low surrogate
  "a\uD83D", // an emoji cut in half
  "\u202Eevil\u202C", // right-to-left override
  "\u200F\u200E\u061C", // RTL/LTR marks
  "\u0000", // NUL
  "nul\u0000inside",
  "😀👩‍👩‍👧‍👦🏳️‍🌈",
  "e\u0301\u0301\u0301\u0301\u0301", // stacked combining marks
  "\uFEFF", // byte-order mark
  "\u2028\u2029", // line and paragraph separators
  "ﷺ",
  "𝕴𝖓𝖈𝖔𝖒𝖊",
  " ",
  "",
  "\t\n",
];

/** A string a client should not be trusted with: hostile, edge-case, long, or arbitrary code points. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...injections),
  fc.constantFrom(...unicodeEdges),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer({ min: 2_001, max: 20_000 }).map((n) => "x".repeat(n)),
  fc.tuple(fc.constantFrom(...injections), fc.constantFrom(...unicodeEdges)).map(([a, b]) => `${a}${b}`),
);

/** Any JSON value of any type, hostile strings included. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.constantFrom(-1, 0, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.1, 999_999_999_999),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom("$where", "__proto__", "constructor")), tie("value"), {
      maxKeys: 4,
    }),
  ),
})).value;

/**
 * An input for something whose valid input looks like `base`: a wholly wrong value, or `base`
 * with one field given a wrong value, or with a hostile extra key.
 */
export function hostileInput(base: unknown): fc.Arbitrary<unknown> {
  const fields = base && typeof base === "object" && !Array.isArray(base) ? Object.keys(base) : [];
  const variants: fc.Arbitrary<unknown>[] = [hostileValue];
  if (fields.length > 0) {
    variants.push(
      fc
        .tuple(fc.constantFrom(...fields), hostileValue)
        .map(([field, value]) => ({ ...(base as object), [field]: value })),
      fc.tuple(fc.constantFrom("$where", "__proto__", "extra"), hostileValue).map(([key, value]) => {
        const copy: Record<string, unknown> = { ...(base as object) };
        Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
        return copy;
      }),
    );
  }
  return fc.oneof(...variants);
}

/** What goes on the wire: a body as text and the Content-Type it claims. */
export interface WireBody {
  kind: "json" | "malformed" | "oversized" | "wrong type";
  contentType: string;
  text: string;
}

/**
 * Bodies for a JSON endpoint: the value as JSON (as `wrap` shapes it), broken JSON, a body past
 * the limit, or the value under a content type the endpoint does not take.
 */
export function hostileBody(value: fc.Arbitrary<unknown>, wrap = (v: unknown) => v): fc.Arbitrary<WireBody> {
  const json = "application/json";
  return fc.oneof(
    {
      arbitrary: value.map((v) => ({
        kind: "json" as const,
        contentType: json,
        text: JSON.stringify(wrap(v)) ?? "null",
      })),
      weight: 4,
    },
    fc
      .constantFrom(
        "{",
        '{"json":',
        "[1,2",
        "nul",
        "{'a':1}",
        '{"a":1}}',
        "\u0000",
        "",
        "\uFEFF{}",
        "NaN",
        '{"a":"\uD800"',
      )
      .map((text) => ({ kind: "malformed" as const, contentType: json, text })),
    fc
      .constantFrom(OVERSIZED_BYTES, 200_000)
      .map((n) => ({ kind: "oversized" as const, contentType: json, text: JSON.stringify({ json: "y".repeat(n) }) })),
    fc
      .tuple(
        value,
        fc.constantFrom(
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "text/html",
        ),
      )
      .map(([v, contentType]) => ({
        kind: "wrong type" as const,
        contentType,
        text: JSON.stringify(wrap(v)) ?? "null",
      })),
  );
}

/** The message of an error body: the REST shape `{error: {message}}` or tRPC's `{error: {json: {message}}}` (batched too). */
export function errorMessage(body: unknown): string | undefined {
  const first = Array.isArray(body) ? body[0] : body;
  // /api/v1 answers RFC 9457 problem documents; the other routes and tRPC their { error } shapes.
  const problemDetail = (first as { detail?: unknown } | null)?.detail;
  if (typeof problemDetail === "string") return problemDetail;
  const error = (first as { error?: { message?: unknown; json?: { message?: unknown } } } | null)?.error;
  const message = error?.message ?? error?.json?.message;
  return typeof message === "string" ? message : undefined;
}

/**
 * Tables that meter the call itself rather than store what it asked for: a refused partner call
 * is still counted in the key's usage (as an error), which is the point of the chart.
 */
const CALL_METERING_TABLES = new Set(["partner_usage"]);

/**
 * Row counts of every table in the public schema but the call-metering ones, in one statement
 * (so the snapshot is consistent).
 */
export async function rowCounts(): Promise<Record<string, number>> {
  const db = getDb();
  const tables = await db.execute<{ name: string }>(
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const names = tables.rows.map((row) => row.name).filter((name) => !CALL_METERING_TABLES.has(name));
  const selects = names.map(
    (name) => `(select count(*) from "${name.replace(/"/g, '""')}")::int as "${name.replace(/"/g, '""')}"`,
  );
  const result = await db.execute<Record<string, number>>(sql.raw(`select ${selects.join(", ")}`));
  return result.rows[0] ?? {};
}

/** An operation of an HTTP API, e.g. one from an OpenAPI document's paths. */
export interface HttpOperation {
  method: string;
  /** The path, OpenAPI templates (`{id}`) allowed: they are filled with hostile values. */
  path: string;
  /** A valid body to start from, when the operation takes one. */
  body?: unknown;
}

/** One request against an operation, ready to send. */
export interface HttpCase {
  method: string;
  path: string;
  body?: WireBody;
}

const pathValue = fc.oneof(hostileString, fc.constantFrom("..", "%2e%2e", "00000000-0000-4000-8000-000000000000"));

/**
 * Fuzz cases for a list of operations (e.g. every path and method of /api/v1/openapi.json):
 * hostile bodies for those that take one, hostile path parameters, and the methods they do not
 * answer to.
 */
export function httpCases(operations: HttpOperation[]): fc.Arbitrary<HttpCase> {
  return fc.constantFrom(...operations).chain((operation) => {
    const path = fc.array(pathValue, { minLength: 4, maxLength: 4 }).map((values) => {
      let i = 0;
      return operation.path.replace(
        /\{[^}]+\}/g,
        () => encodeURIComponent(values[i++ % values.length]!.replace(/[\uD800-\uDFFF]/g, "")) || "x",
      );
    });
    const takesBody = !["GET", "HEAD", "DELETE"].includes(operation.method.toUpperCase());
    const wrongMethod = fc
      .constantFrom("GET", "PUT", "PATCH", "DELETE", "POST")
      .filter((m) => m !== operation.method.toUpperCase());
    return fc.oneof(
      {
        arbitrary: fc
          .tuple(
            path,
            takesBody
              ? hostileBody(hostileInput(operation.body)).map((b) => b as WireBody | undefined)
              : fc.constant(undefined),
          )
          .map(([p, body]) => ({ method: operation.method.toUpperCase(), path: p, body })),
        weight: 5,
      },
      fc.tuple(path, wrongMethod).map(([p, method]) => ({ method, path: p })),
    );
  });
}

/**
 * The operations of an OpenAPI 3 document (e.g. GET /api/v1/openapi.json), each with its first
 * JSON request example when it gives one, for httpCases.
 */
export function operationsFromOpenApi(document: {
  servers?: { url?: string }[];
  paths?: Record<string, Record<string, { requestBody?: { content?: Record<string, { example?: unknown }> } }>>;
}): HttpOperation[] {
  const methods = new Set(["get", "post", "put", "patch", "delete"]);
  // Paths are relative to the document's (first) server, e.g. /api/v1.
  const base = (document.servers?.[0]?.url ?? "").replace(/\/$/, "");
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => methods.has(method))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path: `${base}${path}`,
        body: operation.requestBody?.content?.["application/json"]?.example,
      })),
  );
}
