/**
 * Cross-site request refusal for state-changing requests that carry a session cookie. Next.js
 * checks the origin of server actions itself; this covers everything else (tRPC mutations, the
 * chat route, any cookie-authenticated POST/PUT/PATCH/DELETE). A partner call with a bearer key
 * carries no cookie and is not affected: a key is never ambient, a cookie is.
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** next-auth's session cookie, on http and https, whole or split into chunks (`.0`, `.1`…). */
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

export function hasSessionCookie(cookieHeader: string | null): boolean {
  if (!cookieHeader) return false;
  return cookieHeader.split(";").some((part) => SESSION_COOKIE.test(part.split("=")[0]!.trim()));
}

/** The host the browser addressed: the proxy's X-Forwarded-Host when there is one, else Host. */
function requestHost(headers: Headers, url: URL): string {
  return (headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host") || url.host).toLowerCase();
}

/**
 * Why `request` must be refused as cross-site, or null when it may go on. A state-changing request
 * with a session cookie must come from our own origin: its Origin header (sent by every current
 * browser on such requests) must name this host; without Origin, Sec-Fetch-Site must not say
 * another site. A request with neither comes from no browser, so no cookie of a victim rides on it.
 */
export function crossSiteRefusal(method: string, url: URL, headers: Headers): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  if (!hasSessionCookie(headers.get("cookie"))) return null;
  const origin = headers.get("origin");
  if (origin !== null) {
    let host: string | null = null;
    try {
      host = origin === "null" ? null : new URL(origin).host.toLowerCase();
    } catch {
      host = null;
    }
    if (host === requestHost(headers, url)) return null;
    return `Cross-site request refused: a ${method} with a session cookie must come from this site, and its Origin is ${JSON.stringify(origin)}.`;
  }
  const site = headers.get("sec-fetch-site");
  if (site === null || site === "same-origin" || site === "none") return null;
  return `Cross-site request refused: a ${method} with a session cookie must come from this site (Sec-Fetch-Site: ${site}).`;
}
