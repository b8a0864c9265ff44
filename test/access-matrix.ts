import { roleSatisfies, type Access, type PartnerScope, type Role } from "@/server/auth";

/**
 * Who may call what, written out by hand. The access tests compare the running product against
 * this table, never against what a procedure declares about itself: a procedure built with the
 * wrong builder, or a route that forgot its guard, fails here. Changing who may call something
 * means changing this table in the same commit.
 */

/**
 * An access level; a partner requirement may name the scope the key must carry. "R or partner:S"
 * admits people with role R and, without a session, partner keys carrying scope S.
 */
export type Required =
  Exclude<Access, "partner"> | "partner" | `partner:${PartnerScope}` | `${Role} or partner:${PartnerScope}`;

/** Every tRPC procedure of the app router, by path. */
export const TRPC_ACCESS: Record<string, Required> = {
  "me.get": "public",

  "advice.history": "borrower",
  "advice.feedback": "borrower",
  "selfDeclared.get": "borrower",
  "selfDeclared.save": "borrower",
  "selfDeclared.clear": "borrower",

  "jobs.overview": "ml_engineer",
  "jobs.recent": "ml_engineer",
  "jobs.retry": "ml_engineer",
  "registry.register": "ml_engineer",
  "registry.setAlias": "ml_engineer",
  "releases.ofAdvice": "ml_engineer",
  "releases.create": "ml_engineer",
  "releases.policy": "ml_engineer",
  // The releases domain decides who may move which alias (production: an admin, or an ML engineer
  // whose release a second person approved); these admit the lowest role that ever may.
  "releases.promote": "ml_engineer",
  "releases.approve": "ml_engineer",
  "releases.requestShadowReplay": "ml_engineer",
  "experiments.list": "ml_engineer",
  "experiments.create": "ml_engineer",
  "experiments.start": "ml_engineer",
  "experiments.stop": "ml_engineer",
  "experiments.setWeights": "ml_engineer",
  "experiments.results": "ml_engineer",
  "experiments.ship": "ml_engineer",
  "bias.alerts": "ml_engineer",
  "bias.trends": "ml_engineer",
  "bias.ack": "ml_engineer",
  "bias.evaluate": "ml_engineer",
  "fairnessAudits.list": "ml_engineer",
  "fairnessAudits.get": "ml_engineer",
  "fairnessAudits.pairs": "ml_engineer",
  "fairnessAudits.request": "ml_engineer",
  // Blind review of audit pairs: reviewers are ML engineers and admins.
  "fairnessAudits.blindPair": "ml_engineer",
  "fairnessAudits.judgePair": "ml_engineer",
  "fairnessAudits.revealPair": "ml_engineer",
  "fairnessAudits.pairAgreement": "ml_engineer",
  "bias.decisionsByGroup": "ml_engineer",
  "bias.detectorEval": "ml_engineer",
  "review.list": "ml_engineer",
  "review.decide": "ml_engineer",
  "review.assign": "ml_engineer",
  "review.bulk": "ml_engineer",
  "review.precision": "ml_engineer",
  "review.reasons": "ml_engineer",
  "index.versions": "ml_engineer",
  "index.corpus": "ml_engineer",
  "index.fleet": "ml_engineer",
  "index.triggers": "ml_engineer",
  "index.jobs": "ml_engineer",
  "index.jobLogs": "ml_engineer",
  "index.build": "ml_engineer",
  "index.validate": "ml_engineer",
  "index.promote": "ml_engineer",
  "index.rollback": "ml_engineer",
  "traces.search": "ml_engineer",
  "traces.get": "ml_engineer",

  "partners.list": "admin",
  "partners.create": "admin",
  "partners.revoke": "admin",
  "partners.setRateLimit": "admin",
  "partners.usage": "admin",
  "audit.list": "admin",
  "releases.rollback": "admin",

  "partners.whoami": "partner",

  // Read-only registry procedures: the console, and partners holding a registry:read key.
  "registry.models": "ml_engineer or partner:registry:read",
  "registry.metrics": "ml_engineer or partner:registry:read",
  "registry.productionAt": "ml_engineer or partner:registry:read",
  "releases.list": "ml_engineer or partner:registry:read",
  "releases.gates": "ml_engineer or partner:registry:read",
  "releases.metrics": "ml_engineer or partner:registry:read",
  "releases.timeline": "ml_engineer or partner:registry:read",

  // The partner API (also REST under /api/v1: REST_ACCESS below). Advice: the partner's own requests only.
  "v1.advice.create": "partner:advice",
  "v1.advice.get": "partner:advice",
  "v1.advice.feedback": "partner:advice",
  "v1.releases.list": "ml_engineer or partner:registry:read",
  "v1.releases.get": "ml_engineer or partner:registry:read",
  "v1.experiments.list": "ml_engineer or partner:registry:read",
  "v1.experiments.get": "ml_engineer or partner:registry:read",
  "v1.experiments.results": "ml_engineer or partner:registry:read",
  "v1.fairnessAudits.list": "ml_engineer or partner:registry:read",
  "v1.fairnessAudits.get": "ml_engineer or partner:registry:read",
};

/**
 * The kinds of caller. A key "with the scope" holds every scope that exists; a key "without the
 * scope" is a real stored key whose only scope has since been removed (every scope that exists is
 * one some route checks, and a key needs at least one).
 */
export const CALLERS = {
  anonymous: {},
  borrower: { session: "borrower" },
  ml_engineer: { session: "ml_engineer" },
  admin: { session: "admin" },
  "partner key with the scope": { key: "scoped" },
  "partner key without the scope": { key: "unscoped" },
  "revoked partner key": { key: "revoked" },
} as const satisfies Record<string, { session?: Role; key?: "scoped" | "unscoped" | "revoked" }>;
export type CallerName = keyof typeof CALLERS;
export const CALLER_NAMES = Object.keys(CALLERS) as CallerName[];

export type Outcome = "admitted" | "unauthorized" | "forbidden";

/**
 * What a caller gets: no credential of the kind required → unauthorized; the right kind without
 * enough rights → forbidden. A session is not a partner key and a key is not a session.
 */
export function expectedOutcome(required: Required, name: CallerName): Outcome {
  const caller: { session?: Role; key?: string } = CALLERS[name];
  if (required === "public") return "admitted";
  const either = / or (partner:.+)$/.exec(required);
  if (either) {
    // A session decides when there is one; without one, the key does.
    const role = required.slice(0, either.index) as Role;
    if (caller.session) return roleSatisfies(caller.session, role) ? "admitted" : "forbidden";
    return caller.key ? expectedOutcome(either[1] as Required, name) : "unauthorized";
  }
  if (required === "partner" || required.startsWith("partner:")) {
    if (!caller.key || caller.key === "revoked") return "unauthorized";
    return required !== "partner" && caller.key === "unscoped" ? "forbidden" : "admitted";
  }
  if (!caller.session) return "unauthorized";
  return roleSatisfies(caller.session, required as Role) ? "admitted" : "forbidden";
}

/**
 * Placeholder input for procedures that take one: ids that exist nowhere, so an admitted caller
 * gets NOT_FOUND (or BAD_REQUEST) past the check instead of changing anything that matters.
 */
export const TRPC_INPUTS: Record<string, unknown> = {
  "partners.create": { name: "access matrix partner", scopes: ["advice"] },
  "partners.revoke": { id: "00000000-0000-4000-8000-000000000000", reason: "access matrix" },
  "partners.setRateLimit": {
    id: "00000000-0000-4000-8000-000000000000",
    rateLimit: { points: 5, unit: "s" },
    reason: "access matrix",
  },
  "partners.usage": { id: "00000000-0000-4000-8000-000000000000", range: "24h" },
  "jobs.recent": { states: ["failed"], limit: 5 },
  "jobs.retry": { queue: "ingest", id: "no-such-job" },
  "audit.list": { limit: 5 },
  "registry.productionAt": { at: "2020-01-01T00:00:00.000Z" },
  "registry.register": {
    kind: "prompt",
    name: "access-matrix-prompt",
    version: "not-semver",
    text: "refused for its version",
  },
  "registry.setAlias": { model: "no-such-model", alias: "staging", version: "1.0.0" },
  "releases.ofAdvice": { adviceId: "00000000-0000-4000-8000-000000000000" },
  "releases.create": { version: "0.0.1-access-matrix", from: "99.99.99-none", changelog: "access matrix" },
  "releases.gates": { version: "99.99.99-none" },
  "releases.promote": { version: "99.99.99-none", expected: null, reason: "access matrix" },
  "releases.rollback": { version: "99.99.99-none", reason: "access matrix" },
  "releases.approve": { version: "99.99.99-none" },
  "releases.requestShadowReplay": { version: "99.99.99-none" },
  "experiments.results": { key: "no-such-experiment" },
  "experiments.ship": { key: "no-such-experiment", variant: 1, reason: "access matrix" },
  "experiments.setWeights": { key: "no-such-experiment", weights: [0.5, 0.5], reason: "access matrix" },
  "bias.trends": { days: 7 },
  "bias.ack": { id: 999_999_999, note: "access matrix" },
  "bias.detectorEval": { release: "99.99.99-none" },
  "fairnessAudits.get": { id: 999_999_999 },
  "fairnessAudits.pairs": { id: 999_999_999 },
  "fairnessAudits.request": { release: "99.99.99-none" },
  "fairnessAudits.blindPair": { auditId: 999_999_999 },
  "fairnessAudits.judgePair": { pairId: 999_999_999, verdict: "material" },
  "fairnessAudits.revealPair": { pairId: 999_999_999 },
  "advice.history": { limit: 5 },
  "advice.feedback": { adviceId: "00000000-0000-4000-8000-000000000000", rating: 3 },
  // The access matrix's users exist only in their session: saving answers for them is NOT_FOUND.
  "selfDeclared.save": { sex: "prefer_not_to_say" },
  "review.list": { filter: { status: "open" }, limit: 5 },
  "review.decide": { id: 999_999_999, decision: "dismiss", note: "access matrix" },
  "review.assign": { id: 999_999_999, to: null },
  // expectedCount 0 is refused by the input (BAD_REQUEST) before anything is read or written.
  "review.bulk": {
    filter: { release: "99.99.99-none" },
    expectedCount: 0,
    action: { kind: "dismiss", note: "access matrix" },
  },
  "review.reasons": { adviceId: "00000000-0000-4000-8000-000000000000" },
  "index.jobLogs": { queue: "embed", id: "no-such-job" },
  "index.build": { kind: "exact", reason: "access matrix" },
  "index.validate": { version: "deadbeefdeadbeef", reason: "access matrix" },
  "index.promote": { version: "deadbeefdeadbeef", reason: "access matrix" },
  "index.rollback": { version: "deadbeefdeadbeef", reason: "access matrix" },
  "traces.search": { id: "no-such-request", limit: 5 },
  "traces.get": { adviceId: "00000000-0000-4000-8000-000000000000" },
  // An empty question is refused by the input (BAD_REQUEST): no advice is generated.
  "v1.advice.create": { query: "", userId: "access-matrix" },
  "v1.advice.get": { id: "00000000-0000-4000-8000-000000000000" },
  "v1.advice.feedback": { adviceId: "00000000-0000-4000-8000-000000000000", rating: 3 },
  "v1.releases.list": {},
  "v1.releases.get": { version: "99.99.99-none" },
  "v1.experiments.list": {},
  "v1.experiments.get": { key: "no-such-experiment" },
  "v1.experiments.results": { key: "no-such-experiment" },
  "v1.fairnessAudits.list": {},
  "v1.fairnessAudits.get": { id: 999_999_999 },
};

/**
 * The partner REST API, by method and OpenAPI path (one operation each). Every operation is a
 * tRPC procedure (the catch-all app/api/v1/[[...path]] serves them), so each must require what
 * TRPC_ACCESS gives its procedure; the document's operations and this table must match.
 */
export const REST_ACCESS: Record<string, Required> = {
  "POST /api/v1/advice": "partner:advice",
  "GET /api/v1/advice/{id}": "partner:advice",
  "POST /api/v1/advice/{adviceId}/feedback": "partner:advice",
  "GET /api/v1/releases": "ml_engineer or partner:registry:read",
  "GET /api/v1/releases/{version}": "ml_engineer or partner:registry:read",
  "GET /api/v1/experiments": "ml_engineer or partner:registry:read",
  "GET /api/v1/experiments/{key}": "ml_engineer or partner:registry:read",
  "GET /api/v1/experiments/{key}/results": "ml_engineer or partner:registry:read",
  "GET /api/v1/fairness-audits": "ml_engineer or partner:registry:read",
  "GET /api/v1/fairness-audits/{id}": "ml_engineer or partner:registry:read",
};

/** How the access tests call each REST operation: placeholders that change nothing, as TRPC_INPUTS. */
export const REST_CALLS: Record<string, { path: string; body?: unknown }> = {
  "POST /api/v1/advice": { path: "/api/v1/advice", body: { query: "", userId: "access-matrix" } },
  "GET /api/v1/advice/{id}": { path: "/api/v1/advice/00000000-0000-4000-8000-000000000000" },
  "POST /api/v1/advice/{adviceId}/feedback": {
    path: "/api/v1/advice/00000000-0000-4000-8000-000000000000/feedback",
    body: { rating: 3 },
  },
  "GET /api/v1/releases": { path: "/api/v1/releases" },
  "GET /api/v1/releases/{version}": { path: "/api/v1/releases/99.99.99-none" },
  "GET /api/v1/experiments": { path: "/api/v1/experiments" },
  "GET /api/v1/experiments/{key}": { path: "/api/v1/experiments/no-such-experiment" },
  "GET /api/v1/experiments/{key}/results": { path: "/api/v1/experiments/no-such-experiment/results" },
  "GET /api/v1/fairness-audits": { path: "/api/v1/fairness-audits" },
  "GET /api/v1/fairness-audits/{id}": { path: "/api/v1/fairness-audits/999999999" },
};

/**
 * Every route handler and server action, by what a caller sends. /api/auth is next-auth's own
 * (sign-in pages, session, CSRF), public by design; the server actions are sign-in and sign-out.
 */
export const ROUTE_ACCESS: Record<string, Required> = {
  "POST /api/chat": "borrower",
  "POST /api/fairness-report": "ml_engineer",
  // The catch-all app/api/v1/[[...path]] serves the operations of REST_ACCESS.
  "GET /api/v1/openapi.json": "public",
  "GET /api/v1/docs": "public",
  "GET /api/v1/docs/[asset]": "public",
  "GET /api/health": "public",
  "GET /api/metrics": "public",
  "GET /api/auth/session": "public",
  "GET /api/auth/providers": "public",
  "POST /api/auth/signout": "public",
  "action signInWithPassword": "public",
  "action signInWithOidc": "public",
  "action signOutAction": "public",
};
