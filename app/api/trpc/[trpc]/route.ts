import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter, createContext } from "@/server/api";
import { AppError } from "@/server/errors";
import { errorResponse, withBodyLimit } from "@/server/http";
import { traceHttpRequest } from "@/server/tracing";

/**
 * One traced request per HTTP call (its procedures are spans inside it), answered with its
 * x-request-id. The body is read through the 64 KiB limit first (413 past it), then handed on.
 */
const handler = (request: Request) =>
  traceHttpRequest(request, `${request.method} /api/trpc`, async () => {
    let limited: Request;
    try {
      limited = await withBodyLimit(request);
    } catch (error) {
      if (error instanceof AppError) return errorResponse(error);
      throw error;
    }
    return fetchRequestHandler({
      endpoint: "/api/trpc",
      req: limited,
      router: appRouter,
      createContext: () => createContext(limited),
    });
  });

export { handler as GET, handler as POST };
