import { partnerFromAuthorization } from "../partners";
import type { Context } from "./trpc";

/** One context for every transport: the session cookie for people, the bearer key for partners. */
export async function createContext(request: Request): Promise<Context> {
  // Loaded on first use: next-auth loads only inside Next.js, and this module is part of the API's
  // face, which tests and scripts/openapi.ts load outside it.
  const { auth } = await import("../session");
  const [session, { partner, keySent }] = await Promise.all([
    auth(),
    partnerFromAuthorization(request.headers.get("authorization")),
  ]);
  return { user: session?.user ?? null, partner, partnerKeySent: keySent };
}
