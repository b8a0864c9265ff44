/** Shapes the chat UI works with; they mirror the events /api/chat streams. */

export interface Source {
  id: number;
  score: number;
  text: string;
  outcome: "fully_paid" | "charged_off";
}

export interface Bias {
  score: number;
  flagged: boolean;
  reasons: string[];
}

export type StreamEvent =
  | { type: "sources"; profiles: Source[] }
  | { type: "token"; text: string }
  | { type: "bias"; bias: Bias }
  | { type: "done"; adviceId: string; conversationId: string; latencyMs: number }
  | { type: "error"; adviceId: string; message: string };

export interface Exchange {
  localId: string;
  question: string;
  advice: string;
  sources: Source[];
  bias?: Bias;
  status: "streaming" | "done" | "error" | "stopped";
  adviceId?: string;
  error?: string;
  rating?: number;
  thumbs?: "up" | "down";
}
