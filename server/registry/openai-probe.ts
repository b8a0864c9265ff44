import { AppError } from "../errors";
import { logger } from "../logger";
import type { Provider } from "./metadata";

const PROBE_TIMEOUT_MS = 5000;

/**
 * An OpenAI-compatible analyzer is registered only if its server answers `GET /models` with the
 * API key from the named variable: a typo in the URL or a server that is down is caught when the
 * version is registered, not when it first serves a borrower.
 */
export async function checkOpenAiAnswers(provider: Extract<Provider, { kind: "openai" }>): Promise<void> {
  const apiKey = provider.apiKeyEnv ? process.env[provider.apiKeyEnv] : undefined;
  if (provider.apiKeyEnv && !apiKey) {
    throw new AppError(
      "bad_request",
      `--openai-api-key-env: the environment variable ${provider.apiKeyEnv} is not set`,
    );
  }
  const url = `${provider.baseUrl.replace(/\/+$/, "")}/models`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
  } catch (error) {
    logger.child("registry").warn("OpenAI-compatible server did not answer", { url, error });
    throw new AppError(
      "bad_request",
      `--openai-base-url: ${provider.baseUrl} does not answer (${(error as Error).cause ?? (error as Error).message})`,
    );
  }
  if (!response.ok) {
    throw new AppError("bad_request", `--openai-base-url: GET ${url} answered HTTP ${response.status}`);
  }
}
