import { createContext, serveRest } from "@/server/api";

export const dynamic = "force-dynamic";

/**
 * The partner REST API (server/api/rest.ts): every /api/v1 operation is a tRPC procedure with a
 * REST route in its meta, so who may call each one is the procedure's own check (pinned in
 * test/access-matrix.ts). Unknown paths answer a 404 problem document.
 */
const handler = (request: Request) => serveRest(request, createContext);

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
