import type { Attributes } from "@opentelemetry/api";
import type { RequestContext } from "../request-context";

/**
 * The product's own span attributes. The request id is an attribute (and a log field), never a
 * metric label: one value per request would make a series per request. Names of OpenTelemetry's
 * incubating conventions are written out here rather than imported, as their package advises
 * (they may still change between its releases).
 */
export const ATTR = {
  requestId: "apfa.request_id",
  adviceId: "apfa.advice_id",
  release: "apfa.release",
  experiment: "apfa.experiment",
  variant: "apfa.variant",
  channel: "apfa.channel",
  status: "apfa.status",
  timeToFirstTokenMs: "apfa.llm.time_to_first_token_ms",
  chunks: "apfa.llm.chunks",
  indexVersion: "apfa.index.version",
  // OpenTelemetry semantic conventions (incubating).
  serviceInstanceId: "service.instance.id",
  rpcSystem: "rpc.system",
  rpcMethod: "rpc.method",
  messagingSystem: "messaging.system",
  messagingDestination: "messaging.destination.name",
  messagingMessageId: "messaging.message.id",
  genAiSystem: "gen_ai.system",
  genAiRequestModel: "gen_ai.request.model",
  genAiMaxTokens: "gen_ai.request.max_tokens",
} as const;

/** What the request context says about the work as span attributes (the user is left out: personal). */
export function contextAttributes(context: RequestContext | undefined): Attributes {
  if (!context) return {};
  const attributes: Attributes = {};
  if (context.requestId !== undefined) attributes[ATTR.requestId] = context.requestId;
  if (context.release !== undefined) attributes[ATTR.release] = context.release;
  if (context.experiment !== undefined) attributes[ATTR.experiment] = context.experiment;
  if (context.variant !== undefined) attributes[ATTR.variant] = context.variant;
  return attributes;
}

/** What answered a request (an advice result's release and experiment arm) as span attributes. */
export function answeredAttributes(answered: {
  release: string | null;
  experiment: { key: string; variant: number } | null;
}): Attributes {
  return {
    ...(answered.release !== null ? { [ATTR.release]: answered.release } : {}),
    ...(answered.experiment
      ? { [ATTR.experiment]: answered.experiment.key, [ATTR.variant]: answered.experiment.variant }
      : {}),
  };
}
