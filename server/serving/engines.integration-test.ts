import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTinyBert } from "@/test/models/tiny-bert";
import { writeTinyLlamaGguf } from "@/test/models/tiny-llama-gguf";
import { startOpenAiServer, type OpenAiTestServer } from "@/test/openai-server";
import { registerBiasPolicy, registerOpenAiAnalyzer, uniqueName } from "@/test/releases";
import { artifactStore } from "../artifacts";
import { getModelVersion, registerVersion } from "../registry";
import { analyzerFor, biasPolicyFor, embedderFor } from "./engines";

/**
 * Engines built from registry metadata on real PostgreSQL and the artifact store: a llama analyzer
 * from a generated tiny GGUF, a MiniLM embedder from a generated tiny BERT folder (both read back
 * from the store and verified), an OpenAI-compatible analyzer whose key comes from the variable its
 * metadata names, and a bias policy document.
 */

let dir: string;
let server: OpenAiTestServer;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "apfa-engines-"));
  server = await startOpenAiServer(() => ["an ", "answer"]);
});

afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function register(kind: "analyzer" | "embedder", file: string): Promise<string> {
  const name = uniqueName(`${kind}-engine-test`);
  await registerVersion({ kind, name, version: "1.0.0", file }, "test");
  return `${name}@1.0.0`;
}

describe("engines from the registry", () => {
  it("runs a llama analyzer from its verified GGUF artifact, and refuses one that changed in the store", async () => {
    const file = path.join(dir, "tiny.gguf");
    writeTinyLlamaGguf(file);
    const ref = await register("analyzer", file);
    const analyzer = await analyzerFor(ref);
    try {
      expect(analyzer.kind).toBe("llama");
      expect(analyzer.version).toMatch(/^llama:tiny\.gguf@[0-9a-f]{12}$/);
      let text = "";
      for await (const chunk of analyzer.stream({ question: "Is 36 months wise?", profiles: [], maxTokens: 5 }))
        text += chunk;
      expect(text.trim().length).toBeGreaterThan(0);
    } finally {
      await analyzer.close?.();
    }

    const tampered = await register("analyzer", file);
    const [name, version] = tampered.split("@") as [string, string];
    const { key } = (await getModelVersion(name, version)).metadata.artifact!;
    await artifactStore().put(key, Buffer.from("GGUF but not the registered bytes"));
    await expect(analyzerFor(tampered)).rejects.toThrow(/sha256/);
  });

  it("embeds with a MiniLM folder from the store, as neutral text", async () => {
    const ref = await register("embedder", writeTinyBert(path.join(dir, "tiny-bert")));
    const embedder = await embedderFor(ref);
    expect(embedder.version).toMatch(/\+neutral-v1$/);
    const [a, b] = await embedder.embed(["I rent in Texas", "I rent in California"]);
    // Places are taken out before embedding: the two questions embed alike.
    expect(Array.from(a!)).toEqual(Array.from(b!));
  });

  it("calls an OpenAI-compatible server with the key from the variable its metadata names, never stored", async () => {
    process.env.APFA_TEST_ANALYZER_KEY = "secret-key-123";
    const ref = await registerOpenAiAnalyzer(server.baseUrl, "stand-in", "APFA_TEST_ANALYZER_KEY");
    const [name, version] = ref.split("@") as [string, string];
    expect(JSON.stringify(await getModelVersion(name, version))).not.toContain("secret-key-123");
    const analyzer = await analyzerFor(ref);
    let text = "";
    for await (const chunk of analyzer.stream({
      question: "q",
      profiles: [],
      maxTokens: 5,
      systemPrompt: "S {maxTokens}",
    }))
      text += chunk;
    expect(text).toBe("an answer");
    expect(server.requests.at(-1)).toMatchObject({ authorization: "Bearer secret-key-123", system: "S 5" });
    delete process.env.APFA_TEST_ANALYZER_KEY;
  });

  it("reads a bias policy document", async () => {
    const policy = {
      threshold: 0.5,
      weights: { protected: { conditioned: 0.4, mention: 0.1 }, proxy: { conditioned: 0.3, mention: 0.05 } },
    };
    expect(await biasPolicyFor(await registerBiasPolicy(policy))).toEqual(policy);
  });
});
