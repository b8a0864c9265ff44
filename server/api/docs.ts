import fs from "node:fs/promises";
import path from "node:path";
import getAbsoluteFSPath from "swagger-ui-dist/absolute-path.js";
import { REST_BASE } from "./rest";

/**
 * The partner API's interactive docs at /api/v1/docs: Swagger UI from the swagger-ui-dist package,
 * served from our own origin (no CDN) and without inline script (the page's only scripts are
 * files: the bundle and the init script below), so a CSP without 'unsafe-inline' scripts holds.
 * "Authorize" takes a partner key, which "Try it out" then sends as a bearer token.
 */

export const DOCS_PATH = `${REST_BASE}/docs`;

/** Loads Swagger UI on the page, pointed at our document; a file of its own, never inline. */
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({
  url: ${JSON.stringify(`${REST_BASE}/openapi.json`)},
  dom_id: "#swagger-ui",
  deepLinking: true,
  persistAuthorization: true,
  tryItOutEnabled: true,
});
`;

export const DOCS_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>APFA partner API</title>
    <link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
    <script src="${DOCS_PATH}/swagger-init.js"></script>
  </body>
</html>
`;

const FROM_PACKAGE = {
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui.css": "text/css; charset=utf-8",
} as const;

/** A docs asset by file name, or null for any other name (the route answers 404). */
export async function docsAsset(name: string): Promise<{ body: string; contentType: string } | null> {
  if (name === "swagger-init.js") return { body: INIT_SCRIPT, contentType: "text/javascript; charset=utf-8" };
  if (!Object.hasOwn(FROM_PACKAGE, name)) return null;
  const file = name as keyof typeof FROM_PACKAGE;
  // Read per request rather than held: the bundle is 1.5 MB, and browsers cache it (see the route).
  return { body: await fs.readFile(path.join(getAbsoluteFSPath(), file), "utf8"), contentType: FROM_PACKAGE[file] };
}
