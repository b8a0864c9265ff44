import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AdviceState } from "../agent";
import { SELF_DECLARED_ATTRIBUTES } from "./attributes";

/**
 * Self-declared attributes never reach the retriever or the analyzer: the graph's state has no
 * place for them, and nothing on the advice path imports this domain. (The integration test
 * server/advice/recommendation-labels.integration-test.ts checks what an analyzer is actually sent.)
 */

const server = path.resolve(import.meta.dirname, "..");
const ADVICE_PATH = ["agent", "rag", "llm", "question", "serving", "embedding", "index-store", "bias"];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? files(file) : /\.(ts|mts|mjs)$/.test(entry.name) ? [file] : [];
  });
}

describe("self-declared attributes", () => {
  it("have no place in the advice graph's state", () => {
    const keys = Object.keys(AdviceState.spec);
    expect(keys).toEqual(expect.arrayContaining(["question", "profiles", "advice"]));
    for (const attribute of [...SELF_DECLARED_ATTRIBUTES, "demographics", "selfDeclared"]) {
      expect(keys).not.toContain(attribute);
    }
  });

  it("are imported by nothing on the advice path", () => {
    const importers = ADVICE_PATH.flatMap((domain) => files(path.join(server, domain))).filter((file) =>
      /from\s+["'](?:\.\.\/demographics|@\/server\/demographics)/.test(fs.readFileSync(file, "utf8")),
    );
    expect(importers).toEqual([]);
  });
});
