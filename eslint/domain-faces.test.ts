import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/** The project's own ESLint configuration, on fixture files placed in the tree by name only. */
const root = path.resolve(import.meta.dirname, "..");
const eslint = new ESLint({ cwd: root });

async function faceErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((message) => message.ruleId === "apfa/domain-faces").map((m) => m.message);
}

describe("apfa/domain-faces", () => {
  it("refuses an import past another domain's index.ts, relative or by alias, from anywhere", async () => {
    expect(await faceErrors("server/advice/fixture.ts", 'export { checkBias } from "../bias/detector";\n')).toEqual([
      "'../bias/detector' reaches past the face of server/bias/: import from its index.ts ('../bias') instead, and export what you need there",
    ]);
    expect(await faceErrors("server/index-store/serve/fixture.ts", 'import "../../artifacts/local";\n')).toHaveLength(
      1,
    );
    expect(
      await faceErrors("app/fixture.ts", 'export type { Embedder } from "@/server/embedding/embedder";\n'),
    ).toHaveLength(1);
    expect(
      await faceErrors("jobs/fixture.ts", 'export const load = () => import("@/server/ingest/read-rows");\n'),
    ).toHaveLength(1);
  });

  it("lets a domain use its own files, and others its face (and index-store's pipeline face)", async () => {
    expect(
      await faceErrors(
        "server/index-store/build/fixture.ts",
        'export { openSearcher } from "../serve/open-searcher";\n',
      ),
    ).toEqual([]);
    expect(await faceErrors("server/advice/fixture.ts", 'export { checkBias } from "../bias";\n')).toEqual([]);
    expect(await faceErrors("server/advice/fixture.ts", 'export { checkBias } from "../bias/index";\n')).toEqual([]);
    expect(await faceErrors("jobs/fixture.ts", 'export { embedAll } from "@/server/index-store/pipeline";\n')).toEqual(
      [],
    );
    expect(await faceErrors("server/fixture.ts", 'export { env } from "./env";\n')).toEqual([]);
  });
});
