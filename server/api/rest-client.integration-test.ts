import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexWith } from "@/test/index-fixture";
import { startRestServer } from "@/test/rest-server";
import { createPartnerKey } from "../partners";

/**
 * What the README promises an integrator: generate types from the live OpenAPI document with
 * openapi-typescript, write a client with openapi-fetch, and it type-checks (strict) and works.
 * The client (test/openapi-client/client.ts.template) is compiled by the TypeScript compiler
 * against the generated types, then run against the server.
 */

const root = path.resolve(import.meta.dirname, "../..");
let server: Awaited<ReturnType<typeof startRestServer>>;
let dir: string;

beforeAll(async () => {
  await indexWith();
  server = await startRestServer();
  // Inside the repository (.data is ignored), so the client resolves openapi-fetch from node_modules.
  fs.mkdirSync(path.join(root, ".data"), { recursive: true });
  dir = fs.mkdtempSync(path.join(root, ".data", "openapi-client-"));
});

afterAll(async () => {
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function typeErrors(file: string): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: [],
    skipLibCheck: true,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
}

describe("a typed client generated from the live /api/v1/openapi.json", () => {
  it("type-checks and calls the API", async () => {
    const types = astToString(await openapiTS(new URL(`${server.baseUrl}/openapi.json`)));
    fs.writeFileSync(path.join(dir, "apfa.d.ts"), types);
    const client = path.join(dir, "client.ts");
    fs.copyFileSync(path.join(root, "test", "openapi-client", "client.ts.template"), client);

    expect(typeErrors(client)).toEqual([]);

    const adviceKey = (await createPartnerKey({ name: `typed client ${randomUUID()}`, scopes: ["advice"] }, "test"))
      .key;
    const registryKey = (
      await createPartnerKey({ name: `typed client ${randomUUID()}`, scopes: ["registry:read"] }, "test")
    ).key;
    const { useTheApi } = (await import(/* @vite-ignore */ client)) as {
      useTheApi: (baseUrl: string, adviceKey: string, registryKey: string) => Promise<Record<string, unknown>>;
    };
    const result = await useTheApi(server.baseUrl, adviceKey, registryKey);
    expect(result).toMatchObject({
      adviceId: expect.any(String),
      recorded: true,
      rating: 5,
      problem: { status: 403, code: "forbidden", requestId: expect.any(String) },
    });
    expect((result.versions as string[]).length).toBeGreaterThan(0);
  });

  it("a client that misuses the types does not compile", () => {
    const wrong = path.join(dir, "wrong.ts");
    fs.writeFileSync(
      wrong,
      [
        'import createClient from "openapi-fetch";',
        'import type { paths } from "./apfa";',
        'const client = createClient<paths>({ baseUrl: "http://localhost/api/v1" });',
        'void client.GET("/advice/{id}", { params: { path: { adviceId: "x" } } });',
      ].join("\n"),
    );
    expect(typeErrors(wrong).join("\n")).toMatch(/adviceId/);
  });
});
