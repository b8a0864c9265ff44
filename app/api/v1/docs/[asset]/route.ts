import { docsAsset } from "@/server/api";

/** Swagger UI's script and stylesheet, and the page's init script, from our own origin. */
export async function GET(_request: Request, { params }: { params: Promise<{ asset: string }> }) {
  const asset = await docsAsset((await params).asset);
  if (!asset) return new Response("Not found", { status: 404 });
  return new Response(asset.body, {
    headers: { "content-type": asset.contentType, "cache-control": "public, max-age=3600" },
  });
}
