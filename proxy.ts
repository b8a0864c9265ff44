import { NextResponse, type NextRequest } from "next/server";
import { REQUESTED_PATH_HEADER } from "./app/sign-in/callback-url";

/**
 * Tells the pages behind sign-in which path was asked for, so a visitor without a session is sent
 * to sign-in and then back to that page, not to the section's start. The session is checked where
 * it is used (app/require-user.ts), not here.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  // Always overwritten: whatever a client sent under this name is not what it asked for.
  headers.set(REQUESTED_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/console/:path*", "/chat/:path*"] };
