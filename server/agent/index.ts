export { adviceGraph } from "./graph";
export { AdviceState, type AdviceStateType, type AdviceVersions, type AgentEvent } from "./state";
