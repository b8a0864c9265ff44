import { forbidden, redirect } from "next/navigation";
import { headers } from "next/headers";
import { roleSatisfies, type Role, type SessionUser } from "@/server/auth";
import { auth } from "@/server/session";
import { REQUESTED_PATH_HEADER, signInUrl } from "./sign-in/callback-url";

/**
 * The signed-in user of a page that needs at least `role`. No session: off to sign-in, and back to
 * the page asked for afterwards. A role below it: 403 with app/forbidden.tsx.
 */
export async function requireUser(role: Role): Promise<SessionUser> {
  const session = await auth();
  if (!session?.user) redirect(signInUrl((await headers()).get(REQUESTED_PATH_HEADER)));
  if (!roleSatisfies(session.user.role, role)) forbidden();
  return session.user;
}
