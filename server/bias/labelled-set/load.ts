import fs from "node:fs";
import path from "node:path";
import { sha256Hex } from "../../hashing";
import { biasLabelSetSchema, type BiasLabelSet } from "./schema";

/** Relative to the working directory, as every shipped data file is (the web bundle has no import.meta.dirname). */
export const BIAS_LABELS_DIR = path.resolve(/* turbopackIgnore: true */ process.cwd(), "data/bias-labels");
export const CURRENT_BIAS_LABELS = "v1";

export interface LoadedBiasLabels {
  set: BiasLabelSet;
  version: string;
  /** sha256 of the file's bytes, so a measurement can be tied to exactly these cases. */
  sha256: string;
  file: string;
}

/** The shipped set, read and validated once per process: a version is never edited in place. */
let shipped: LoadedBiasLabels | undefined;

/**
 * Reads and validates a labelled set (by default the shipped current one, remembered after its
 * first read); a bad file fails with the file and what is wrong in it.
 */
export function loadBiasLabels(file?: string): LoadedBiasLabels {
  if (file !== undefined) return readBiasLabels(file);
  shipped ??= readBiasLabels(path.join(/* turbopackIgnore: true */ BIAS_LABELS_DIR, `${CURRENT_BIAS_LABELS}.json`));
  return shipped;
}

function readBiasLabels(file: string): LoadedBiasLabels {
  let bytes: Buffer;
  try {
    // Read at run time from the working directory; the web build must not trace the project for it.
    bytes = fs.readFileSync(/* turbopackIgnore: true */ file);
  } catch (error) {
    throw new Error(`labelled bias set ${file} cannot be read: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new Error(`labelled bias set ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = biasLabelSetSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
      .join("; ");
    throw new Error(`labelled bias set ${file} is invalid: ${problems}`);
  }
  return { set: parsed.data, version: parsed.data.version, sha256: sha256Hex(bytes), file };
}
