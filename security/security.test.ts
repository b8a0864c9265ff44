import { describe, expect, it } from "vitest";
import { credentialInUrl, MAX_API_BODY_BYTES, oversizedBody } from "./api-guards";
import { crossSiteRefusal, hasSessionCookie } from "./csrf";
import { apiCsp, newNonce, overTls, pageCsp } from "./headers";

const url = new URL("http://apfa.test/api/trpc/partners.create");
const session = "authjs.session-token=abc";

describe("cross-site refusal", () => {
  const refusal = (method: string, headers: Record<string, string>) =>
    crossSiteRefusal(method, url, new Headers({ host: "apfa.test", ...headers }));

  it("refuses a state-changing request with a session cookie from another origin, naming the origin", () => {
    expect(refusal("POST", { cookie: session, origin: "https://evil.example" })).toBe(
      'Cross-site request refused: a POST with a session cookie must come from this site, and its Origin is "https://evil.example".',
    );
    for (const method of ["PUT", "PATCH", "DELETE"])
      expect(refusal(method, { cookie: session, origin: "http://apfa.test.evil.example" })).not.toBeNull();
    expect(refusal("POST", { cookie: session, origin: "null" })).not.toBeNull();
    expect(refusal("POST", { cookie: session, origin: "not a url" })).not.toBeNull();
    // A sibling subdomain is same-site for SameSite cookies, but not this origin.
    expect(refusal("POST", { cookie: session, "sec-fetch-site": "same-site" })).toContain("Sec-Fetch-Site: same-site");
    expect(refusal("POST", { cookie: session, "sec-fetch-site": "cross-site" })).not.toBeNull();
  });

  it("admits the same origin (behind a proxy too), safe methods, requests without a session cookie, and non-browsers", () => {
    expect(refusal("POST", { cookie: session, origin: "http://apfa.test" })).toBeNull();
    expect(
      crossSiteRefusal(
        "POST",
        url,
        new Headers({
          host: "10.0.0.5:3000",
          "x-forwarded-host": "apfa.example.com",
          origin: "https://apfa.example.com",
          cookie: session,
        }),
      ),
    ).toBeNull();
    expect(refusal("GET", { cookie: session, origin: "https://evil.example" })).toBeNull();
    expect(refusal("POST", { origin: "https://evil.example", authorization: "Bearer apfa_x" })).toBeNull();
    expect(refusal("POST", { cookie: session, "sec-fetch-site": "same-origin" })).toBeNull();
    expect(refusal("POST", { cookie: session })).toBeNull();
  });

  it("knows next-auth's session cookie by its names on http and https, whole and chunked", () => {
    expect(hasSessionCookie("a=1; __Secure-authjs.session-token=x")).toBe(true);
    expect(hasSessionCookie("authjs.session-token.0=x; authjs.session-token.1=y")).toBe(true);
    expect(hasSessionCookie("authjs.csrf-token=x; theme=dark")).toBe(false);
    expect(hasSessionCookie(null)).toBe(false);
  });
});

describe("/api guards", () => {
  it("refuses a declared body past the limit, except on routes with their own", () => {
    const headers = (length: number) => new Headers({ "content-length": String(length) });
    expect(oversizedBody("/api/chat", headers(MAX_API_BODY_BYTES))).toBeNull();
    expect(oversizedBody("/api/chat", headers(MAX_API_BODY_BYTES + 1))).toBe(
      `The body is larger than the ${MAX_API_BODY_BYTES} bytes this API accepts.`,
    );
    expect(oversizedBody("/api/fairness-report", headers(10_000_000))).toBeNull();
  });

  it("refuses credentials in the query string, naming the parameter, except next-auth's OAuth callbacks", () => {
    expect(credentialInUrl(new URL("http://h/api/v1/advice?api_key=apfa_1"))).toContain('query parameter "api_key"');
    expect(credentialInUrl(new URL("http://h/api/trpc/x?ACCESS_TOKEN=1"))).toContain('"ACCESS_TOKEN"');
    expect(credentialInUrl(new URL("http://h/api/trpc/x?input=%7B%7D"))).toBeNull();
    expect(credentialInUrl(new URL("http://h/api/auth/callback/oidc?code=1&access_token=2"))).toBeNull();
  });
});

describe("security headers", () => {
  it("gives pages a nonce-only script policy with no inline scripts, eval only in development", () => {
    const nonce = newNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(nonce);
    const csp = pageCsp(nonce, false);
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic';`);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(pageCsp(nonce, true)).toContain("'strict-dynamic' 'unsafe-eval';");
    for (const policy of [csp, apiCsp(nonce)]) {
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("base-uri 'self'");
      expect(policy).toContain("form-action 'self'");
    }
  });

  it("knows TLS from the URL or a proxy's X-Forwarded-Proto", () => {
    expect(overTls(new URL("https://h/"), new Headers())).toBe(true);
    expect(overTls(new URL("http://h/"), new Headers({ "x-forwarded-proto": "https, http" }))).toBe(true);
    expect(overTls(new URL("http://h/"), new Headers({ "x-forwarded-proto": "http" }))).toBe(false);
    expect(overTls(new URL("http://h/"), new Headers())).toBe(false);
  });
});
