import { DOCS_HTML } from "@/server/api";

/** The partner API's interactive docs (Swagger UI; public, like the document it shows). */
export function GET() {
  return new Response(DOCS_HTML, { headers: { "content-type": "text/html; charset=utf-8" } });
}
