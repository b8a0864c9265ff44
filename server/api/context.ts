import { bearerToken, verifyPartnerKey } from "../partners";
import { auth } from "../session";
import type { Context } from "./trpc";

/** One context for every transport: the session cookie for people, the bearer key for partners. */
export async function createContext(request: Request): Promise<Context> {
  const key = bearerToken(request.headers.get("authorization"));
  const [session, partner] = await Promise.all([auth(), key ? verifyPartnerKey(key) : null]);
  return { user: session?.user ?? null, partner };
}
