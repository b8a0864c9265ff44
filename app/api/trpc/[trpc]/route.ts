import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter, createContext } from "@/server/api";
import { traceHttpRequest } from "@/server/tracing";

/** One traced request per HTTP call (its procedures are spans inside it), answered with its x-request-id. */
const handler = (request: Request) =>
  traceHttpRequest(request, `${request.method} /api/trpc`, () =>
    fetchRequestHandler({
      endpoint: "/api/trpc",
      req: request,
      router: appRouter,
      createContext: () => createContext(request),
    }),
  );

export { handler as GET, handler as POST };
