/**
 * Writes the partner API's OpenAPI document to docs/openapi.json (or the path given), where
 * `npm run lint` checks it with Redocly and server/api/openapi.test.ts checks it is current:
 * `node --import tsx scripts/openapi.ts`.
 */
import fs from "node:fs";
import path from "node:path";
import prettier from "prettier";
import { openApiDocument } from "../server/api";

export const OPENAPI_FILE = path.resolve(import.meta.dirname, "../docs/openapi.json");

/** The document as committed: formatted as `prettier --check` (part of `npm run lint`) expects. */
export async function renderOpenApi(): Promise<string> {
  const options = await prettier.resolveConfig(OPENAPI_FILE);
  return prettier.format(JSON.stringify(openApiDocument()), { ...options, parser: "json" });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const target = path.resolve(process.argv[2] ?? OPENAPI_FILE);
  fs.writeFileSync(target, await renderOpenApi());
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
