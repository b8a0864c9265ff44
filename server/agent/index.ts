export { adviceGraph } from "./graph";
export { AdviceState, type AdviceStateType, type AgentEvent } from "./state";
