import { partnerFromAuthorization } from "../partners";
import { auth } from "../session";
import type { Context } from "./trpc";

/** One context for every transport: the session cookie for people, the bearer key for partners. */
export async function createContext(request: Request): Promise<Context> {
  const [session, { partner, keySent }] = await Promise.all([
    auth(),
    partnerFromAuthorization(request.headers.get("authorization")),
  ]);
  return { user: session?.user ?? null, partner, partnerKeySent: keySent };
}
