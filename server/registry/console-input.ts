import { z } from "zod";
import { MODEL_KINDS, providerSchema } from "./metadata";
import type { RegisterInput } from "./models";

/**
 * A version registered from the console: what needs no file upload. Analyzers on the grounded
 * writer or an OpenAI-compatible server, the hashing embedder, and prompts and bias policies
 * pasted as text. GGUF models and MiniLM folders are files on the server: the CLI registers them.
 */
export const registerVersionInput = z
  .object({
    kind: z.enum(MODEL_KINDS, { error: `kind must be one of ${MODEL_KINDS.join(", ")}` }),
    name: z.string().trim().min(1, "name is required"),
    version: z.string().trim().min(1, "version is required"),
    provider: providerSchema.optional(),
    /** The prompt text, or the bias policy as JSON. */
    text: z.string().max(200_000, "text is at most 200,000 characters").optional(),
    changelog: z.string().trim().max(2_000).optional(),
    trainingData: z.string().trim().max(2_000).optional(),
    tags: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
  })
  .superRefine((input, context) => {
    const problem = (path: string, message: string) => context.addIssue({ code: "custom", path: [path], message });
    const documentKind = input.kind === "prompt" || input.kind === "bias-policy";
    if (documentKind && !input.text?.trim()) {
      problem("text", input.kind === "prompt" ? "paste the prompt's text" : "paste the policy as JSON");
    }
    if (!documentKind && input.text !== undefined) problem("text", `a ${input.kind} takes no text`);
    if (input.kind === "analyzer" && !input.provider) {
      problem("provider", "choose the grounded writer or an OpenAI-compatible server");
    }
    if (input.provider?.kind === "llama" || input.provider?.kind === "minilm") {
      problem(
        "provider",
        `a ${input.provider.kind} version is a file on the server: register it with the CLI (registry register --file PATH)`,
      );
    }
  });
export type RegisterVersionInput = z.infer<typeof registerVersionInput>;

export function toRegisterInput(input: RegisterVersionInput): RegisterInput {
  const text = input.text?.trim();
  return {
    kind: input.kind,
    name: input.name,
    version: input.version,
    provider: input.provider,
    document: text ? { name: input.kind === "prompt" ? "prompt.txt" : "policy.json", text: `${text}\n` } : undefined,
    changelog: input.changelog || undefined,
    trainingData: input.trainingData || undefined,
    tags: input.tags,
  };
}
