import { openApiDocument } from "@/server/api";

/** The partner API's OpenAPI document (public: it is how integrators learn the API). */
export function GET() {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
