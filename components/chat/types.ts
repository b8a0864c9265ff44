import type { AdviceEvent } from "@/server/advice";
import type { AdviceReasons } from "@/server/reasons";

/**
 * Shapes the chat UI works with. The events are the server's own type (what /api/chat streams,
 * one JSON object a line), so a change there is a type error here rather than a silent mismatch.
 */

export type StreamEvent = AdviceEvent;
export type Source = Extract<StreamEvent, { type: "sources" }>["profiles"][number];
export type Bias = Extract<StreamEvent, { type: "bias" }>["bias"];

export interface Exchange {
  localId: string;
  question: string;
  advice: string;
  sources: Source[];
  bias?: Bias;
  /** Why this advice, sent with `done`. */
  reasons?: AdviceReasons;
  status: "streaming" | "done" | "error" | "stopped";
  adviceId?: string;
  error?: string;
  rating?: number;
  thumbs?: "up" | "down";
}
