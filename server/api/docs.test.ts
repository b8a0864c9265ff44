import { describe, expect, it } from "vitest";
import { DOCS_HTML, docsAsset } from "./docs";

describe("the partner API docs page", () => {
  it("has no inline script: every script is a file from our own origin", () => {
    const scripts = [...DOCS_HTML.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map(([, attributes, body]) => ({ attributes: attributes!.trim(), body }))).toEqual([
      { attributes: 'src="/api/v1/docs/swagger-ui-bundle.js"', body: "" },
      { attributes: 'src="/api/v1/docs/swagger-init.js"', body: "" },
    ]);
    expect(DOCS_HTML).not.toMatch(/https?:\/\//);
    expect(DOCS_HTML).not.toMatch(/\son[a-z]+=/);
  });

  it("serves Swagger UI's bundle and stylesheet from the package, and the init script pointed at our document", async () => {
    expect((await docsAsset("swagger-ui-bundle.js"))?.body).toContain("SwaggerUIBundle");
    expect((await docsAsset("swagger-ui.css"))?.contentType).toBe("text/css; charset=utf-8");
    expect((await docsAsset("swagger-init.js"))?.body).toContain('url: "/api/v1/openapi.json"');
  });

  it("serves nothing else from the package directory", async () => {
    for (const name of ["package.json", "../../package.json", "index.html", "swagger-ui-bundle.js.map", "toString"])
      expect(await docsAsset(name)).toBeNull();
  });
});
