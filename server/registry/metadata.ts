import { z } from "zod";
import { BIAS_DETECTORS } from "../bias";

/** What a registered version is and how to run it: checked with zod on registration and on read. */

export const MODEL_KINDS = ["embedder", "analyzer", "prompt", "bias-policy"] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex characters");

/** A file (or a folder, hashed as the manifest of its files) copied into the artifact store. */
export const artifactSchema = z.object({
  /** Key in the artifact store: `registry/<model>/<version>/<name>`. */
  key: z.string().min(1),
  uri: z.string().min(1),
  sha256,
  bytes: z.number().int().nonnegative(),
  /** Folders only: each file's path relative to the folder and its sha256; `sha256` hashes this list. */
  files: z.record(z.string(), sha256).optional(),
});
export type ArtifactRef = z.infer<typeof artifactSchema>;

export const providerSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("hash") }),
  z.object({ kind: z.literal("minilm") }),
  z.object({ kind: z.literal("grounded") }),
  z.object({ kind: z.literal("llama") }),
  z.object({
    kind: z.literal("openai"),
    baseUrl: z
      .string()
      .url("must be a URL such as http://localhost:8000/v1")
      .refine(
        (url) => /^https?:\/\//i.test(url),
        "must be an http:// or https:// URL such as http://localhost:8000/v1",
      ),
    model: z.string().min(1),
    /** The name of the environment variable holding the API key; the key itself is never stored. */
    apiKeyEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, "must be an environment variable name such as OPENAI_API_KEY")
      .optional(),
  }),
]);
export type Provider = z.infer<typeof providerSchema>;

/** Which providers each kind may name (prompts and policies are documents and name none). */
export const PROVIDERS_OF: Record<ModelKind, Provider["kind"][]> = {
  embedder: ["hash", "minilm"],
  analyzer: ["grounded", "llama", "openai"],
  prompt: [],
  "bias-policy": [],
};

export const versionMetadataSchema = z.object({
  artifact: artifactSchema.optional(),
  provider: providerSchema.optional(),
  trainingData: z.string().optional(),
});
export type VersionMetadata = z.infer<typeof versionMetadataSchema>;

/**
 * A bias policy document: when the orchestrator flags an answer, and with which detector. Documents
 * registered before the detector was named have none and keep the one they were written for,
 * lexical-v1 (docs/decisions/019-bias-detector-v2.md).
 */
export const biasPolicySchema = z.object({
  detector: z.enum(BIAS_DETECTORS).optional(),
  threshold: z.number().min(0).max(1),
  weights: z.object({
    protected: z.object({ conditioned: z.number().min(0).max(1), mention: z.number().min(0).max(1) }),
    proxy: z.object({ conditioned: z.number().min(0).max(1), mention: z.number().min(0).max(1) }),
  }),
});
export type BiasPolicyDocument = z.infer<typeof biasPolicySchema>;
