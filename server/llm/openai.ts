import type { Analyzer, AnalyzerInput } from "./analyzer";
import { metered } from "./metered";
import { promptMessages } from "./prompt";

/**
 * Any OpenAI-compatible chat-completions server (vLLM, TGI, llama.cpp server, Ollama, OpenAI):
 * POST {baseUrl}/chat/completions with `stream: true`, read the server-sent events and yield
 * each `choices[0].delta.content`. A stream that ends before `[DONE]` (or a finish_reason) is an
 * error, not a short answer: the caller must not record truncated advice as complete.
 */

export interface OpenAiAnalyzerOptions {
  /** e.g. "http://localhost:8000/v1" (the path up to, not including, /chat/completions). */
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** 0 by default, like the llama provider: the same question and loans give the same advice. */
  temperature?: number;
}

export class OpenAiStreamError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "OpenAiStreamError";
  }
}

interface StreamEvent {
  choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
  error?: { message?: string } | string;
}

const excerpt = (text: string, max = 300) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
};

/** Splits a byte stream into SSE `data:` payloads (one event per blank-line-terminated block). */
async function* ssePayloads(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let data: string[] = [];
  try {
    while (true) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffer.search(/\r?\n|\r/)) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer[newline] === "\r" && buffer[newline + 1] === "\n" ? 2 : 1));
        if (line === "") {
          if (data.length > 0) yield data.join("\n");
          data = [];
        } else if (line.startsWith("data:")) {
          data.push(line.slice(5).replace(/^ /, ""));
        } // comments (":") and other fields (event, id, retry) carry nothing we need
      }
      if (done) {
        if (buffer.startsWith("data:")) data.push(buffer.slice(5).replace(/^ /, ""));
        if (data.length > 0) yield data.join("\n");
        return;
      }
    }
  } finally {
    // Consumer left early or an error: close the connection rather than draining it.
    await reader.cancel().catch(() => undefined);
  }
}

export function createOpenAiAnalyzer(options: OpenAiAnalyzerOptions): Analyzer {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const endpoint = `${baseUrl}/chat/completions`;
  const host = new URL(baseUrl).host;

  async function* stream(input: AnalyzerInput): AsyncGenerator<string> {
    const { signal } = input;
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "text/event-stream",
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: options.model,
          messages: promptMessages(input),
          stream: true,
          max_tokens: Math.max(1, Math.floor(input.maxTokens)),
          temperature: options.temperature ?? 0,
        }),
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw new OpenAiStreamError(`LLM server ${endpoint} is unreachable: ${(error as Error).message}`);
    }
    if (!response.ok || !response.body) {
      const body = await response.text().catch(() => "");
      throw new OpenAiStreamError(
        `LLM server ${endpoint} answered ${response.status} ${response.statusText}${body ? `: ${excerpt(body)}` : ""}`,
        response.status,
      );
    }

    let finished = false;
    try {
      for await (const payload of ssePayloads(response.body)) {
        if (payload.trim() === "[DONE]") return;
        let event: StreamEvent;
        try {
          event = JSON.parse(payload) as StreamEvent;
        } catch {
          throw new OpenAiStreamError(`LLM server ${endpoint} sent an unreadable event: ${excerpt(payload, 120)}`);
        }
        if (event.error) {
          const message =
            typeof event.error === "string" ? event.error : (event.error.message ?? JSON.stringify(event.error));
          throw new OpenAiStreamError(`LLM server ${endpoint} reported an error mid-stream: ${excerpt(message)}`);
        }
        const choice = event.choices?.[0];
        if (choice?.delta?.content) yield choice.delta.content;
        if (choice?.finish_reason) finished = true;
      }
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (error instanceof OpenAiStreamError) throw error;
      throw new OpenAiStreamError(`LLM server ${endpoint} stream broke: ${(error as Error).message}`);
    }
    // Some servers stop after the finish_reason without [DONE]; without either, the answer was cut.
    if (!finished) throw new OpenAiStreamError(`LLM server ${endpoint} closed the stream before it finished`);
  }

  // OpenAI-compatible servers (vLLM, TGI, llama.cpp's, Ollama) stream one token per delta.
  return metered({ kind: "openai", version: `openai:${options.model}@${host}`, stream }, () => 1);
}
