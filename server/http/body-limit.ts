import { AppError } from "../errors";

/** The largest JSON body any route accepts; an advice question is at most a few kilobytes. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

/**
 * A request's body as text, refused with 413 once it passes `maxBytes` — counted while reading, so
 * a body without (or lying about) Content-Length is stopped too.
 */
export async function readBodyText(request: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const tooLarge = (maxBytes: number) =>
  new AppError("payload_too_large", `The body is larger than the ${maxBytes} bytes this API accepts.`);

/**
 * `request` with its body read through the limit and put back, for handlers that read the body
 * themselves (tRPC's fetch adapter). Bodiless methods pass through as they are.
 */
export async function withBodyLimit(request: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<Request> {
  if (request.method === "GET" || request.method === "HEAD") return request;
  const body = await readBodyText(request, maxBytes);
  return new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal });
}
