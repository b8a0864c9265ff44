import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { expectConsoleError } from "../../test/console";
import { tempDir } from "../../test/files";
import { writeTinyLlamaGguf } from "../../test/models/tiny-llama-gguf";
import { AnalyzerUnavailableError } from "./analyzer";
import { chooseAnalyzer, type AnalyzerConfig } from "./resolve";

const config = (overrides: Partial<AnalyzerConfig>): AnalyzerConfig => ({
  APFA_ANALYZER: "auto",
  MODELS_DIR: "/nonexistent/models",
  LLM_MODEL_FILE: undefined,
  LLM_THREADS: 1,
  LLM_CONTEXTS: 2,
  OPENAI_BASE_URL: undefined,
  OPENAI_API_KEY: undefined,
  OPENAI_MODEL: "llama3",
  ...overrides,
});

describe("chooseAnalyzer", () => {
  it("auto: grounded when there is neither a model nor a server", () => {
    expect(chooseAnalyzer(config({}))).toEqual({ kind: "grounded" });
  });

  it("auto: an unreadable MODELS_DIR is logged, not silently skipped", async () => {
    // A file where the folder should be: readdir fails with ENOTDIR, which root cannot bypass (mode 000 it can).
    const file = path.join(tempDir(), "models");
    fs.writeFileSync(file, "not a folder");
    const { result, messages } = await expectConsoleError(/MODELS_DIR cannot be read/, () =>
      chooseAnalyzer(config({ MODELS_DIR: file })),
    );
    expect(result).toEqual({ kind: "grounded" });
    expect(messages.join("\n")).toContain(`"dir":"${file}"`);
    expect(messages.join("\n")).toContain("ENOTDIR");
  });

  it("auto: llama when MODELS_DIR holds exactly one GGUF", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "model.gguf"), "GGUF");
    fs.writeFileSync(path.join(dir, "README.md"), "");
    expect(chooseAnalyzer(config({ MODELS_DIR: dir, OPENAI_BASE_URL: "http://x/v1" }))).toEqual({
      kind: "llama",
      modelFile: path.join(dir, "model.gguf"),
      threads: 1,
      contexts: 2,
    });
  });

  it("auto: openai when OPENAI_BASE_URL is set and no single GGUF is present", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "a.gguf"), "GGUF");
    fs.writeFileSync(path.join(dir, "b.gguf"), "GGUF");
    expect(
      chooseAnalyzer(config({ MODELS_DIR: dir, OPENAI_BASE_URL: "http://llm:8000/v1", OPENAI_API_KEY: "k" })),
    ).toEqual({
      kind: "openai",
      baseUrl: "http://llm:8000/v1",
      apiKey: "k",
      model: "llama3",
    });
  });

  it("LLM_MODEL_FILE picks a model by name inside MODELS_DIR, or by path", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "a.gguf"), "GGUF");
    fs.writeFileSync(path.join(dir, "b.gguf"), "GGUF");
    expect(chooseAnalyzer(config({ MODELS_DIR: dir, LLM_MODEL_FILE: "b.gguf" }))).toMatchObject({
      kind: "llama",
      modelFile: path.join(dir, "b.gguf"),
    });
    expect(chooseAnalyzer(config({ LLM_MODEL_FILE: path.join(dir, "a.gguf") }))).toMatchObject({
      modelFile: path.join(dir, "a.gguf"),
    });
    expect(() => chooseAnalyzer(config({ MODELS_DIR: dir, LLM_MODEL_FILE: "c.gguf" }))).toThrow(
      /LLM_MODEL_FILE=c.gguf: no such file/,
    );
  });

  it("explicit choices fail clearly when their requirements are missing", () => {
    expect(() => chooseAnalyzer(config({ APFA_ANALYZER: "llama" }))).toThrow(AnalyzerUnavailableError);
    expect(() => chooseAnalyzer(config({ APFA_ANALYZER: "llama" }))).toThrow(
      /put one \*\.gguf in MODELS_DIR .* or set LLM_MODEL_FILE/,
    );
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "a.gguf"), "GGUF");
    fs.writeFileSync(path.join(dir, "b.gguf"), "GGUF");
    expect(() => chooseAnalyzer(config({ APFA_ANALYZER: "llama", MODELS_DIR: dir }))).toThrow(
      /holds 2 GGUF files; set LLM_MODEL_FILE/,
    );
    expect(() => chooseAnalyzer(config({ APFA_ANALYZER: "openai" }))).toThrow(
      /APFA_ANALYZER=openai needs OPENAI_BASE_URL/,
    );
    expect(chooseAnalyzer(config({ APFA_ANALYZER: "grounded", OPENAI_BASE_URL: "http://x/v1" }))).toEqual({
      kind: "grounded",
    });
  });
});

describe("resolveAnalyzer", () => {
  afterEach(async () => {
    const { closeAnalyzer } = await import("./index");
    await closeAnalyzer();
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  /** server/env reads process.env once per module instance, so each case imports afresh. */
  async function freshIndex(vars: Record<string, string>) {
    vi.resetModules();
    for (const [key, value] of Object.entries(vars)) vi.stubEnv(key, value);
    return import("./index");
  }

  it("creates one analyzer per process and hands it out on every call", async () => {
    const { resolveAnalyzer } = await freshIndex({ APFA_ANALYZER: "grounded" });
    const [a, b] = await Promise.all([resolveAnalyzer(), resolveAnalyzer()]);
    expect(a.kind).toBe("grounded");
    // The product's grounded advisor is v2; v1 is kept only for the benchmark that compares them.
    expect(a.version).toBe("grounded-v2");
    expect(b).toBe(a);
    expect(await resolveAnalyzer()).toBe(a);
  });

  it("loads the llama model it finds in MODELS_DIR", async () => {
    const dir = tempDir();
    writeTinyLlamaGguf(path.join(dir, "tiny.gguf"));
    const { resolveAnalyzer, closeAnalyzer } = await freshIndex({
      MODELS_DIR: dir,
      LLM_THREADS: "1",
      LLM_CONTEXTS: "1",
    });
    const analyzer = await resolveAnalyzer();
    expect(analyzer.kind).toBe("llama");
    expect(analyzer.version).toMatch(/^llama:tiny\.gguf@[0-9a-f]{12}$/);
    await closeAnalyzer();
    expect(await resolveAnalyzer()).not.toBe(analyzer);
  }, 60_000);

  it("does not cache a failed start: the next call tries again", async () => {
    const dir = tempDir();
    const { resolveAnalyzer } = await freshIndex({
      APFA_ANALYZER: "llama",
      MODELS_DIR: dir,
      LLM_THREADS: "1",
      LLM_CONTEXTS: "1",
    });
    await expect(resolveAnalyzer()).rejects.toThrow(/APFA_ANALYZER=llama needs a GGUF model/);
    writeTinyLlamaGguf(path.join(dir, "tiny.gguf"));
    expect((await resolveAnalyzer()).kind).toBe("llama");
  }, 60_000);
});
