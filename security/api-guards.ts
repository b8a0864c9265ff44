/**
 * Refusals the proxy can decide from a request's line and headers alone, before any route reads
 * a body or touches a credential.
 */

/** The largest body an /api route accepts, declared or not (route handlers count it again while reading). */
export const MAX_API_BODY_BYTES = 64 * 1024;

/** Routes that take larger bodies and enforce their own limit while streaming them. */
const OWN_LIMIT = ["/api/fairness-report"];

/**
 * Query parameters that would put a credential into a URL (and from there into proxy logs,
 * browser history and Referer headers). Keys go in `Authorization: Bearer`, sessions in cookies.
 */
const CREDENTIAL_PARAMS = new Set([
  "api_key",
  "apikey",
  "api-key",
  "access_token",
  "auth_token",
  "session_token",
  "authjs.session-token",
  "__secure-authjs.session-token",
]);

/** The declared Content-Length past the limit, as a 413 message, or null. */
export function oversizedBody(pathname: string, headers: Headers): string | null {
  if (OWN_LIMIT.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`))) return null;
  const declared = Number(headers.get("content-length") ?? "0");
  if (!(declared > MAX_API_BODY_BYTES)) return null;
  return `The body is larger than the ${MAX_API_BODY_BYTES} bytes this API accepts.`;
}

/** A credential sent in the query string, as a 400 message naming the parameter, or null. */
export function credentialInUrl(url: URL): string | null {
  // next-auth's own callbacks carry OAuth codes in their query, as OAuth requires.
  if (url.pathname.startsWith("/api/auth/")) return null;
  for (const name of url.searchParams.keys()) {
    if (CREDENTIAL_PARAMS.has(name.toLowerCase()))
      return `Credentials are not accepted in the URL (query parameter "${name}"): send a partner key as "Authorization: Bearer <key>".`;
  }
  return null;
}
