export { adviceGraph, runAdviceGraph } from "./graph";
export { AdviceState, type AdviceStateType, type AgentEvent } from "./state";
export {
  AdviceConfiguration,
  enginesOf,
  type AdviceConfigurable,
  type AdviceEngines,
  type AdviceRunConfig,
  type AdviceVersions,
} from "./engines";
