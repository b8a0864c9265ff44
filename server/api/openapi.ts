import { generateOpenApiDocument, type OpenAPIObject } from "trpc-to-openapi";
import { MAX_JSON_BODY_BYTES, PROBLEM_CONTENT_TYPE, problemTitles } from "../http";
import { errorStatus } from "../errors";
import { openApiRouter, REST_BASE } from "./rest";

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the procedures' routes and zod schemas:
 * served at /api/v1/openapi.json, written to docs/openapi.json by scripts/openapi.ts (linted by
 * Redocly in `npm run lint`), and what partners generate typed clients from.
 */

/** The contract's version: a breaking change to /api/v1 is a new major (and a new base path). */
export const API_VERSION = "1.0.0";

/** Every operation may meet these, whatever its input: the problem document describes each. */
const COMMON_ERRORS = ["unauthorized", "forbidden", "rate_limited", "internal", "unavailable"] as const;

let cached: OpenAPIObject | undefined;

export function openApiDocument(): OpenAPIObject {
  cached ??= withProblems(
    generateOpenApiDocument(openApiRouter, {
      title: "APFA partner API",
      description:
        "Loan advice for partners' users, and read access to releases, experiments and fairness audits. " +
        "Authenticate with a partner API key: `Authorization: Bearer apfa_…`. Every error is an RFC 9457 " +
        `problem document (\`${PROBLEM_CONTENT_TYPE}\`) carrying the request's id.`,
      version: API_VERSION,
      baseUrl: REST_BASE,
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
      securitySchemes: {
        partnerKey: {
          type: "http",
          scheme: "bearer",
          description:
            "A partner API key (`npm run cli -- partner-key create`), sent as `Authorization: Bearer apfa_…`.",
        },
      },
    }),
  );
  return cached;
}

const TAGS = [
  { name: "advice", description: "Loan advice on your users' questions: ask, read back, rate (scope `advice`)." },
  { name: "releases", description: "The advisor's releases and their gates (scope `registry:read`)." },
  { name: "experiments", description: "A/B experiments between releases and their results (scope `registry:read`)." },
  { name: "fairness audits", description: "Counterfactual fairness audits of releases (scope `registry:read`)." },
];

const problemSchema = {
  type: "object" as const,
  description: "An RFC 9457 problem document.",
  required: ["type", "title", "status", "detail", "requestId", "code"],
  properties: {
    type: {
      type: "string" as const,
      format: "uri",
      description: "The kind of problem: https://apfa.dev/problems/<code>.",
    },
    title: { type: "string" as const },
    status: { type: "integer" as const },
    detail: { type: "string" as const, description: "What is wrong with this request." },
    requestId: { type: "string" as const, description: "The request's x-request-id: quote it to support." },
    code: { type: "string" as const, enum: Object.keys(errorStatus) },
    fieldErrors: {
      type: "object" as const,
      description: 'Messages per input field ("body" for the body as a whole).',
      additionalProperties: { type: "array" as const, items: { type: "string" as const } },
    },
    retryAfterSeconds: { type: "integer" as const, description: "On 429: seconds until a retry may succeed." },
  },
};

const problemResponse = (code: keyof typeof errorStatus, description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: "#/components/schemas/Problem" } } },
});

/**
 * trpc-to-openapi describes errors in its own (tRPC-shaped) body; the REST transport answers
 * problem documents instead, so each operation's error responses are replaced with those it can
 * meet: every one the common errors, input errors where it takes input, 404 where it reads by id,
 * 413 where it takes a body.
 */
function withProblems(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths ?? {})) {
    for (const method of ["get", "post"] as const) {
      const operation = item[method];
      if (!operation?.responses) continue;
      const success = operation.responses["200"];
      const codes = new Set<keyof typeof errorStatus>(COMMON_ERRORS);
      if (operation.parameters?.length || operation.requestBody) codes.add("bad_request");
      if (operation.parameters?.some((parameter) => "in" in parameter && parameter.in === "path"))
        codes.add("not_found");
      if (operation.requestBody) codes.add("payload_too_large");
      operation.responses = { 200: success };
      for (const code of [...codes].sort((a, b) => errorStatus[a] - errorStatus[b]))
        operation.responses[String(errorStatus[code])] = problemResponse(code, problemTitles[code]);
    }
  }
  // The library's tRPC-shaped error bodies, now referenced by nothing.
  const schemas = Object.fromEntries(
    Object.entries(document.components?.schemas ?? {}).filter(([name]) => !name.startsWith("error.")),
  );
  document.components = { ...document.components, schemas: { ...schemas, Problem: problemSchema } };
  document.tags = TAGS;
  document.info["x-max-body-bytes"] = MAX_JSON_BODY_BYTES;
  return document;
}
