import { NextResponse, type NextRequest } from "next/server";
import { REQUESTED_PATH_HEADER } from "./app/sign-in/callback-url";
import { credentialInUrl, oversizedBody } from "./security/api-guards";
import { crossSiteRefusal } from "./security/csrf";
import { apiCsp, HSTS, newNonce, overTls, pageCsp, STATIC_SECURITY_HEADERS } from "./security/headers";
import { AppError, toErrorBody, type ErrorCode } from "./server/errors";
import { problemResponse } from "./server/problem";
import { requestIdFrom } from "./server/request-context";

/**
 * Every request but Next.js's static files passes here (README, "Security"):
 * - state-changing requests with a session cookie from another site are refused (403);
 * - /api bodies declared past 64 KiB are refused before they are read (413), and credentials in
 *   an /api query string are refused (400);
 * - every response gets the security headers, pages a Content-Security-Policy with a fresh nonce,
 *   which Next.js reads from the request's CSP header for its own scripts;
 * - the pages behind sign-in are told which path was asked for, so a visitor without a session is
 *   sent to sign-in and then back to that page (the session is checked where it is used:
 *   app/require-user.ts, not here).
 */
export function proxy(request: NextRequest) {
  const url = request.nextUrl;
  const api = url.pathname === "/api" || url.pathname.startsWith("/api/");
  const nonce = newNonce();
  const csp = api ? apiCsp(nonce) : pageCsp(nonce, process.env.NODE_ENV === "development");
  const secure = <R extends Response>(response: R) => withSecurityHeaders(response, csp, overTls(url, request.headers));

  const refuse = (code: ErrorCode, message: string) => secure(refusal(request, new AppError(code, message)));
  const crossSite = crossSiteRefusal(request.method, url, request.headers);
  if (crossSite) return refuse("forbidden", crossSite);
  if (api) {
    const tooLarge = oversizedBody(url.pathname, request.headers);
    if (tooLarge) return refuse("payload_too_large", tooLarge);
    const credential = credentialInUrl(url);
    if (credential) return refuse("bad_request", credential);
  }

  const headers = new Headers(request.headers);
  // Always overwritten: whatever a client sent under these names is not what it asked for.
  headers.set(REQUESTED_PATH_HEADER, `${url.pathname}${url.search}`);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  return secure(NextResponse.next({ request: { headers } }));
}

/** The refusal in the shape the path answers errors in: problem documents on the partner API. */
function refusal(request: NextRequest, error: AppError): Response {
  const headers = { "cache-control": "no-store" };
  if (!request.nextUrl.pathname.startsWith("/api/v1"))
    return Response.json(toErrorBody(error), { status: error.status, headers });
  const requestId = requestIdFrom(request.headers);
  return problemResponse(error, requestId, { ...headers, "x-request-id": requestId });
}

function withSecurityHeaders<R extends Response>(response: R, csp: string, tls: boolean): R {
  response.headers.set("content-security-policy", csp);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  if (tls) response.headers.set("strict-transport-security", HSTS);
  return response;
}

// Everything but the build's static files and the favicon, whose headers come from next.config.ts.
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
