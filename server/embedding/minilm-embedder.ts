import { sha256File } from "../hashing";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AppError } from "../errors";
import { l2Normalize, type Embedder } from "./embedder";

/**
 * all-MiniLM-L6-v2 (or any BERT-style ONNX export with the same layout) through transformers.js,
 * from a local folder only: nothing is ever downloaded. Sentence embeddings are what
 * sentence-transformers computes for this model: mean of the last hidden state over real
 * (unpadded) tokens, L2-normalised.
 */

/** What a model folder must hold; the layout of the Hugging Face repository, copied as is. */
export const MINILM_FILES = ["config.json", "tokenizer.json", "tokenizer_config.json", "onnx/model.onnx"] as const;

/** sentence-transformers' max_seq_length for this model; its position table would allow 512. */
const MAX_TOKENS = 256;

export interface MiniLmOptions {
  /** Texts per forward pass. */
  batchSize?: number;
  /** ONNX Runtime intra-op threads; default: the cores this process may use, at most 4. */
  threads?: number;
}

function modelError(dir: string, problem: string): AppError {
  return new AppError(
    "unavailable",
    `MiniLM model folder ${dir}: ${problem}. It must contain ${MINILM_FILES.join(", ")} ` +
      `(the files of sentence-transformers/all-MiniLM-L6-v2).`,
  );
}

function readHiddenSize(dir: string): number {
  let config: { hidden_size?: unknown };
  try {
    config = JSON.parse(fs.readFileSync(path.join(dir, "config.json"), "utf8")) as typeof config;
  } catch (error) {
    throw modelError(dir, `config.json is not valid JSON (${(error as Error).message})`);
  }
  const size = config.hidden_size;
  if (typeof size !== "number" || !Number.isInteger(size) || size <= 0) {
    throw modelError(dir, "config.json has no positive integer hidden_size");
  }
  return size;
}

/** Mean of `hidden` [batch, sequence, width] over positions whose mask is 1, one unit vector per row. */
function meanPool(hidden: Float32Array, mask: BigInt64Array, dims: number[]): Float32Array[] {
  const [batch, sequence, width] = dims as [number, number, number];
  const vectors: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const vector = new Float32Array(width);
    let tokens = 0;
    for (let s = 0; s < sequence; s++) {
      if (mask[b * sequence + s] === 0n) continue;
      tokens += 1;
      const offset = (b * sequence + s) * width;
      for (let d = 0; d < width; d++) vector[d]! += hidden[offset + d]!;
    }
    if (tokens > 0) for (let d = 0; d < width; d++) vector[d]! /= tokens;
    vectors.push(l2Normalize(vector));
  }
  return vectors;
}

export async function createMiniLmEmbedder(modelDir: string, options: MiniLmOptions = {}): Promise<Embedder> {
  const dir = path.resolve(modelDir);
  // The model directory is chosen at run time: tell Next.js's tracer not to bundle the project for it.
  const missing = MINILM_FILES.filter(
    (file) => !fs.existsSync(/* turbopackIgnore: true */ path.join(/* turbopackIgnore: true */ dir, file)),
  );
  if (missing.length > 0) throw modelError(dir, `missing ${missing.join(", ")}`);

  const dimensions = readHiddenSize(dir);
  const digest = await sha256File(path.join(dir, "onnx", "model.onnx"));
  const batchSize = options.batchSize ?? 32;
  const threads = options.threads ?? Math.min(os.availableParallelism(), 4);

  // Imported here, not at the top: processes that use the hashing embedder never load the
  // native ONNX Runtime.
  const { AutoModel, AutoTokenizer, env: transformers } = await import("@huggingface/transformers");
  transformers.allowRemoteModels = false;
  transformers.allowLocalModels = true;
  // Local files are read with fs; anything that reaches fetch would be a download attempt.
  transformers.fetch = async (url: string | URL) => {
    throw new Error(`model files are read from a local folder only; refused to fetch ${String(url)}`);
  };
  // Its file cache (under node_modules) is looked up before the folder: a stale copy there
  // could shadow the files the version was computed from.
  transformers.useFSCache = false;

  // An absolute path is not a valid Hugging Face model id, so transformers.js reads the folder
  // directly and has no URL it could download from even if remote models were allowed.
  let tokenizer: Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;
  let model: Awaited<ReturnType<typeof AutoModel.from_pretrained>>;
  try {
    tokenizer = await AutoTokenizer.from_pretrained(dir);
    model = await AutoModel.from_pretrained(dir, {
      dtype: "fp32",
      device: "cpu",
      session_options: {
        // ONNX Runtime's defaults are tuned for a machine of its own: one pool per session and
        // threads that spin between runs, which on 2 cores starves the web server and database.
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
        executionMode: "sequential",
        extra: { session: { intra_op: { allow_spinning: "0" } } },
      },
    });
  } catch (error) {
    throw modelError(dir, `could not be loaded (${(error as Error).message})`);
  }

  // One forward pass at a time: concurrent runs would share the same cores and only add memory.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(run: () => Promise<T>): Promise<T> => {
    const result = queue.then(run);
    queue = result.catch(() => undefined);
    return result;
  };

  const forward = async (texts: string[]): Promise<Float32Array[]> => {
    const inputs = tokenizer(texts, { padding: true, truncation: true, max_length: MAX_TOKENS });
    const outputs = (await model(inputs)) as { last_hidden_state?: { data: unknown; dims: number[] } };
    const hidden = outputs.last_hidden_state;
    if (!hidden || !(hidden.data instanceof Float32Array) || hidden.dims.length !== 3) {
      throw modelError(dir, "the model did not return a float last_hidden_state [batch, sequence, hidden]");
    }
    if (hidden.dims[2] !== dimensions) {
      throw modelError(dir, `the model returned ${hidden.dims[2]} dimensions but config.json says ${dimensions}`);
    }
    return meanPool(hidden.data, inputs.attention_mask.data as BigInt64Array, hidden.dims);
  };

  return {
    version: `minilm-l6-v2@${digest.slice(0, 12)}`,
    dimensions,
    async embed(texts) {
      const vectors: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        vectors.push(...(await exclusive(() => forward(texts.slice(start, start + batchSize)))));
      }
      return vectors;
    },
  };
}
