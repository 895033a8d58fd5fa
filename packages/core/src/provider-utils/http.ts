import {
  AuthenticationError,
  ContextLengthError,
  InvalidRequestError,
  ProviderError,
  type ProviderErrorOptions,
  RateLimitError,
} from '../errors/errors.js';
import type { CallContext } from './call-context.js';
import { redactSecrets, redactUrl } from './redact.js';
import { isRetryableStatus, parseRetryAfter } from './retry.js';

/** What a provider's error body says, once parsed. */
export interface ParsedErrorBody {
  message?: string;
  type?: string;
  code?: string;
}

/** What the HTTP layer needs to know about a provider. */
export interface ProviderHttpConfig {
  /** Provider name for messages and errors, e.g. `openai`. */
  provider: string;
  /** Custom fetch (proxies, tests, edge runtimes). Defaults to the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Values that must never appear in an error (API keys). */
  secrets: readonly (string | undefined)[];
  /** Extracts the message and codes from an error body. */
  parseErrorBody(body: string): ParsedErrorBody;
  /** Whether a refused request means the prompt is too long for the model. */
  isContextLengthError(parsed: ParsedErrorBody, status: number): boolean;
}

const maxErrorBodyChars = 4_000;

/** The provider's request id, from the headers each provider uses. */
export function requestIdFrom(headers: Headers): string | undefined {
  return headers.get('x-request-id') ?? headers.get('request-id') ?? undefined;
}

/** Turns an HTTP error response into the matching typed error. */
export function errorFromResponse(
  config: ProviderHttpConfig,
  response: { status: number; headers: Headers },
  body: string,
): ProviderError {
  const { status, headers } = response;
  const safeBody = redactSecrets(body, config.secrets).slice(0, maxErrorBodyChars);
  const parsed = config.parseErrorBody(safeBody);
  const detail = parsed.message ?? (safeBody.trim() || 'no error message');
  const message = redactSecrets(
    `${config.provider} API error (HTTP ${status}): ${detail}`,
    config.secrets,
  );
  const options: ProviderErrorOptions = {
    provider: config.provider,
    status,
    requestId: requestIdFrom(headers),
    responseBody: safeBody,
    retryAfterMs: parseRetryAfter(headers),
    providerCode: parsed.code ?? parsed.type,
  };
  if (status === 401 || status === 403) return new AuthenticationError(message, options);
  if (status === 429) {
    // OpenAI's "insufficient_quota" is a billing problem: waiting will not help.
    const quota = parsed.code === 'insufficient_quota' || parsed.type === 'insufficient_quota';
    return new RateLimitError(message, { ...options, retryable: !quota });
  }
  if (config.isContextLengthError(parsed, status)) return new ContextLengthError(message, options);
  if (isRetryableStatus(status)) return new ProviderError(message, { ...options, retryable: true });
  if (status >= 400 && status < 500) {
    return new InvalidRequestError(message, options);
  }
  return new ProviderError(message, options);
}

/** Reads at most `maxChars` of a body, then releases the connection. */
async function readBodyCapped(response: Response, maxChars = 65_536): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < maxChars) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    // Not awaited, like in readServerSentEvents: a cancel that never settles must not hang us.
    reader.cancel().catch(() => {});
  }
  return text.slice(0, maxChars);
}

function connectionError(config: ProviderHttpConfig, url: string, cause: unknown): ProviderError {
  const reasons: string[] = [];
  let current: unknown = cause;
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    reasons.push(current.message);
    current = current.cause;
  }
  const detail = redactSecrets(reasons.join(': ') || 'unknown network error', config.secrets);
  return new ProviderError(`Could not reach ${config.provider} at ${redactUrl(url)}: ${detail}`, {
    code: 'connection_error',
    provider: config.provider,
    retryable: true,
  });
}

export interface PostOptions {
  url: string;
  headers: Record<string, string>;
  body: string;
  context: CallContext;
}

/**
 * POSTs a JSON payload once and resolves with the successful response (body unread).
 * Failures become typed errors without secrets; retries are the caller's (`withRetries`).
 */
export async function postOnce(
  config: ProviderHttpConfig,
  options: PostOptions,
): Promise<Response> {
  const fetchImpl = config.fetch ?? globalThis.fetch;
  const { context } = options;
  let response: Response;
  try {
    response = await fetchImpl(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body: options.body,
      signal: context.signal,
    });
  } catch (error) {
    throw context.stopReason() ?? connectionError(config, options.url, error);
  }
  if (response.ok) return response;
  let body: string;
  try {
    body = await readBodyCapped(response);
  } catch (error) {
    throw context.stopReason() ?? connectionError(config, options.url, error);
  }
  throw errorFromResponse(config, response, body);
}

/** Reads a whole JSON response body; unreadable or malformed bodies become typed errors. */
export async function readJsonResponse(
  config: ProviderHttpConfig,
  response: Response,
  context: CallContext,
): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw context.stopReason() ?? connectionError(config, response.url || 'the response', error);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ProviderError(
      `${config.provider} returned a response that is not JSON: ${redactSecrets(text.slice(0, 200), config.secrets)}`,
      {
        code: 'invalid_response',
        provider: config.provider,
        status: response.status,
        requestId: requestIdFrom(response.headers),
      },
    );
  }
}

/** An error for a response that parsed as JSON but does not have the expected shape. */
export function invalidResponseError(
  config: Pick<ProviderHttpConfig, 'provider'>,
  detail: string,
  requestId?: string,
): ProviderError {
  return new ProviderError(`${config.provider} returned an unexpected response: ${detail}`, {
    code: 'invalid_response',
    provider: config.provider,
    requestId,
  });
}
