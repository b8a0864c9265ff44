import { Annotation, type LangGraphRunnableConfig } from "@langchain/langgraph";
import type { BiasPolicy } from "../bias";
import type { Embedder } from "../embedding";
import type { LiveIndex } from "../index-store";
import type { Analyzer } from "../llm";

/**
 * The component versions that answered a request, as the registry names them (`name@version`,
 * the index by its version); stored with the request and sent with every response beside its release.
 */
export interface AdviceVersions {
  embedder: string;
  index: string;
  analyzer: string;
  prompt: string;
  biasPolicy: string;
}

/**
 * Everything one request is answered with, decided once by server/serving and handed to the graph
 * through its configuration: no node picks an engine by itself, so a request cannot mix releases.
 */
export interface AdviceEngines {
  release: string;
  versions: AdviceVersions;
  embedder: Embedder;
  /** Leased for the request by whoever decided it; the graph only reads it. */
  index: LiveIndex;
  analyzer: Analyzer;
  /** The release's prompt template (`{maxTokens}` filled in by the analyzer). */
  systemPrompt: string;
  biasPolicy: BiasPolicy;
}

/** The graph's typed configuration schema: `configurable.engines`. */
export const AdviceConfiguration = Annotation.Root({ engines: Annotation<AdviceEngines> });
export type AdviceConfigurable = typeof AdviceConfiguration.State;
export type AdviceRunConfig = LangGraphRunnableConfig<AdviceConfigurable>;

/** The engines a node runs with; a graph invoked without them is a programming error, said plainly. */
export function enginesOf(config: AdviceRunConfig): AdviceEngines {
  const engines = config.configurable?.engines;
  if (!engines)
    throw new Error("the advice graph was invoked without configurable.engines (server/serving decides them)");
  return engines;
}
