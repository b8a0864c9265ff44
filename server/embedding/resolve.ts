import fs from "node:fs";
import path from "node:path";
import { env } from "../env";
import { AppError } from "../errors";
import { logger } from "../logger";
import { type Embedder } from "./embedder";
import { createHashEmbedder } from "./hash-embedder";
import { withNeutralText } from "./neutral-text";
import { createMiniLmEmbedder, MINILM_FILES } from "./minilm-embedder";

/** Where the MiniLM files go: `<MODELS_DIR>/all-MiniLM-L6-v2`, laid out like the Hugging Face repository. */
export const MINILM_DIR = path.resolve(env.MODELS_DIR, "all-MiniLM-L6-v2");

export type EmbedderMode = "auto" | "minilm" | "hash";

/**
 * Whether the model file is there. Missing is a plain no; a folder that cannot be read (a file
 * where MODELS_DIR should be, a symlink loop, no permission) is also a no, but logged: fs.existsSync
 * would say "absent" for all of them and the operator's model would be skipped without a word.
 */
function modelFilePresent(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") {
      logger.child("rag").error("the MiniLM model folder cannot be read: treating the model as absent", {
        file,
        code,
        error: (error as Error).message,
      });
    }
    return false;
  }
}

/**
 * auto: MiniLM when its weights are in `minilmDir`, else the hashing embedder. Weights that are
 * present but cannot be loaded are an error, not a silent fallback: vectors from the two
 * embedders are not comparable, and the operator who copied the files meant MiniLM.
 */
export async function createEmbedder(mode: EmbedderMode, minilmDir: string = MINILM_DIR): Promise<Embedder> {
  if (mode === "hash") return createHashEmbedder();
  const present = modelFilePresent(path.join(minilmDir, "onnx", "model.onnx"));
  if (mode === "auto" && !present) return createHashEmbedder();
  if (!present) {
    throw new AppError(
      "unavailable",
      `APFA_EMBEDDER=minilm, but there is no MiniLM model in ${minilmDir}: copy the files of ` +
        `sentence-transformers/all-MiniLM-L6-v2 there (${MINILM_FILES.join(", ")}), ` +
        `point MODELS_DIR at the folder that holds all-MiniLM-L6-v2/, or set APFA_EMBEDDER=hash`,
    );
  }
  return createMiniLmEmbedder(minilmDir);
}

// On globalThis so Next.js dev reloads reuse the loaded model instead of loading one per reload.
const globalForEmbedder = globalThis as unknown as { apfaEmbedder?: Promise<Embedder> };

/**
 * The process's embedder, chosen by APFA_EMBEDDER, loaded once, and given only neutral text
 * (neutral-text.ts): documents and questions alike. A failed load is retried on the next call.
 */
export function resolveEmbedder(): Promise<Embedder> {
  globalForEmbedder.apfaEmbedder ??= createEmbedder(env.APFA_EMBEDDER).then(
    (raw) => {
      const embedder = withNeutralText(raw);
      logger.child("embedding").info("embedder ready", { mode: env.APFA_EMBEDDER, version: embedder.version });
      return embedder;
    },
    (error: unknown) => {
      globalForEmbedder.apfaEmbedder = undefined;
      throw error;
    },
  );
  return globalForEmbedder.apfaEmbedder;
}
