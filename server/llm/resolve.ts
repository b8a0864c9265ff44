import fs from "node:fs";
import path from "node:path";
import type { Env } from "../env";
import { logger } from "../logger";
import { AnalyzerUnavailableError, type Analyzer } from "./analyzer";
import { createGroundedV2Analyzer } from "./grounded-v2/analyzer";
import { createLlamaAnalyzer, defaultLlamaThreads } from "./llama";
import { createOpenAiAnalyzer } from "./openai";

const log = logger.child("llm");

/**
 * Which analyzer the environment asks for. `auto` takes the most capable one that is present:
 * a local GGUF model, else an OpenAI-compatible server, else the grounded advisor. An explicit
 * choice whose requirements are missing fails with a message naming what to set.
 */

export type AnalyzerConfig = Pick<
  Env,
  | "APFA_ANALYZER"
  | "MODELS_DIR"
  | "LLM_MODEL_FILE"
  | "LLM_THREADS"
  | "LLM_CONTEXTS"
  | "OPENAI_BASE_URL"
  | "OPENAI_API_KEY"
  | "OPENAI_MODEL"
>;

export type AnalyzerChoice =
  | { kind: "llama"; modelFile: string; threads: number; contexts: number }
  | { kind: "openai"; baseUrl: string; apiKey?: string; model: string }
  | { kind: "grounded" };

/**
 * The GGUF files in MODELS_DIR. A folder that does not exist holds none (no local model is the
 * default); one that exists but cannot be read is logged, since the model in it is then ignored.
 */
function ggufFilesIn(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith(".gguf"))
      .map((entry) => path.join(dir, entry.name))
      .sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") {
      log.error("MODELS_DIR cannot be read: no local GGUF model is used", {
        dir,
        code,
        error: (error as Error).message,
      });
    }
    return [];
  }
}

/** LLM_MODEL_FILE may be absolute, relative to the working directory, or a name inside MODELS_DIR. */
function modelFileFromSetting(setting: string, modelsDir: string): string {
  const candidates = path.isAbsolute(setting) ? [setting] : [path.resolve(modelsDir, setting), path.resolve(setting)];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found)
    throw new AnalyzerUnavailableError(`LLM_MODEL_FILE=${setting}: no such file (looked at ${candidates.join(", ")})`);
  return found;
}

/** The GGUF to use, undefined when there is none; ambiguity is an error only when `required`. */
function findModelFile(config: AnalyzerConfig, required: boolean): string | undefined {
  if (config.LLM_MODEL_FILE) return modelFileFromSetting(config.LLM_MODEL_FILE, config.MODELS_DIR);
  const dir = path.resolve(config.MODELS_DIR);
  const files = ggufFilesIn(dir);
  if (files.length === 1) return files[0];
  if (!required) {
    if (files.length > 1)
      log.warn("several GGUF files in MODELS_DIR and no LLM_MODEL_FILE: not using llama", { dir, files });
    return undefined;
  }
  throw new AnalyzerUnavailableError(
    files.length === 0
      ? `APFA_ANALYZER=llama needs a GGUF model: put one *.gguf in MODELS_DIR (${dir}) or set LLM_MODEL_FILE`
      : `APFA_ANALYZER=llama: MODELS_DIR (${dir}) holds ${files.length} GGUF files; set LLM_MODEL_FILE to pick one`,
  );
}

export function chooseAnalyzer(config: AnalyzerConfig): AnalyzerChoice {
  const llama = (modelFile: string): AnalyzerChoice => ({
    kind: "llama",
    modelFile,
    contexts: config.LLM_CONTEXTS,
    threads: config.LLM_THREADS ?? defaultLlamaThreads(config.LLM_CONTEXTS),
  });
  const openai = (baseUrl: string): AnalyzerChoice => ({
    kind: "openai",
    baseUrl,
    apiKey: config.OPENAI_API_KEY,
    model: config.OPENAI_MODEL,
  });

  switch (config.APFA_ANALYZER) {
    case "grounded":
      return { kind: "grounded" };
    case "llama":
      return llama(findModelFile(config, true)!);
    case "openai":
      if (!config.OPENAI_BASE_URL) {
        throw new AnalyzerUnavailableError(
          "APFA_ANALYZER=openai needs OPENAI_BASE_URL (e.g. http://localhost:8000/v1)",
        );
      }
      return openai(config.OPENAI_BASE_URL);
    case "auto": {
      const modelFile = findModelFile(config, false);
      if (modelFile) return llama(modelFile);
      if (config.OPENAI_BASE_URL) return openai(config.OPENAI_BASE_URL);
      return { kind: "grounded" };
    }
  }
}

export async function createAnalyzer(choice: AnalyzerChoice): Promise<Analyzer> {
  switch (choice.kind) {
    case "grounded":
      return createGroundedV2Analyzer();
    case "openai":
      return createOpenAiAnalyzer(choice);
    case "llama":
      return createLlamaAnalyzer(choice);
  }
}
