import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPCError } from "@trpc/server";
import type { SessionUser } from "@/server/auth";
// Not "@/server/api": its face also exports createContext, which loads next-auth, and next-auth only
// loads inside Next.js. The router tests beside root.ts import it the same way.
// eslint-disable-next-line apfa/domain-faces
import { appRouter } from "@/server/api/root";

/** The tRPC code and message a call was refused with. */
export async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected the call to be refused");
}

/** A mutation over HTTP as the console sends it, so the answer is what the form shows (errorFormatter included). */
export async function mutateAs(
  user: SessionUser,
  path: string,
  input: unknown,
): Promise<{ status: number; message?: string }> {
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://localhost/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: input }),
    }),
    router: appRouter,
    createContext: () => ({ user, partner: null }),
  });
  const body = (await response.json()) as { error?: { json: { message: string } } };
  return { status: response.status, message: body.error?.json.message };
}
