import fs from "node:fs";
import { expect, it } from "vitest";
import { OPENAPI_FILE, renderOpenApi } from "./openapi";

// Redocly lints the committed file (`npm run lint`), so it must be the document the code serves.
it("docs/openapi.json is the document /api/v1/openapi.json serves (regenerate: npm run openapi)", async () => {
  expect(fs.readFileSync(OPENAPI_FILE, "utf8")).toBe(await renderOpenApi());
});
