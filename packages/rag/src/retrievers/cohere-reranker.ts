import {
  AbortError,
  AuthenticationError,
  InvalidRequestError,
  ProviderError,
  RateLimitError,
  ValidationError,
} from '@weft/core';
import type { Reranker, RerankResult } from './reranker.js';

export interface CohereRerankerOptions {
  /** Default: the `COHERE_API_KEY` environment variable, where there is one. */
  apiKey?: string;
  /** Default `https://api.cohere.com/v2`. Jina (`https://api.jina.ai/v1`) takes the same shape. */
  baseURL?: string;
  /** Default `rerank-v3.5`. */
  model?: string;
  /** Custom fetch (proxies, tests, edge runtimes). Default: the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Retries after 408/409/429/5xx and network failures. Default 2. */
  maxRetries?: number;
  /** Extra headers, e.g. for a gateway. */
  headers?: Record<string, string>;
  /**
   * The request field for how many results to return: `top_n` (Cohere, Jina) or `top_k`
   * (Voyage). Default: `top_k` when the base URL is Voyage's, else `top_n`.
   */
  topNField?: 'top_n' | 'top_k';
}

const provider = 'cohere';

function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  const value = env?.[name];
  return value === undefined || value === '' ? undefined : value;
}

function redact(text: string, secret: string): string {
  return secret.length >= 4 ? text.split(secret).join('[redacted]') : text;
}

function errorMessageOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const nested = parsed.error as Record<string, unknown> | string | undefined;
    const candidate =
      parsed.message ??
      parsed.detail ??
      (typeof nested === 'object' && nested !== null ? nested.message : nested);
    return typeof candidate === 'string' ? candidate : undefined;
  } catch {
    return undefined;
  }
}

function retryAfterMs(headers: Headers): number | undefined {
  const after = headers.get('retry-after');
  if (after === null || !/^\d+(\.\d+)?$/.test(after.trim())) return undefined;
  return Number.parseFloat(after) * 1000;
}

function errorFor(status: number, headers: Headers, body: string, apiKey: string): ProviderError {
  const safeBody = redact(body, apiKey).slice(0, 4_000);
  const message = `${provider} rerank API error (HTTP ${status}): ${errorMessageOf(safeBody) ?? (safeBody.trim() || 'no error message')}`;
  const options = {
    provider,
    status,
    responseBody: safeBody,
    requestId: headers.get('x-request-id') ?? headers.get('x-trace-id') ?? undefined,
    retryAfterMs: retryAfterMs(headers),
  };
  if (status === 401 || status === 403) return new AuthenticationError(message, options);
  if (status === 429) return new RateLimitError(message, options);
  if (status === 408 || status === 409 || status >= 500) {
    return new ProviderError(message, { ...options, retryable: true });
  }
  return new InvalidRequestError(message, options);
}

function invalidResponse(detail: string): ProviderError {
  return new ProviderError(`${provider} rerank API returned an unexpected response: ${detail}`, {
    provider,
    code: 'invalid_response',
  });
}

/**
 * Checks the documented shape `{ results: [{ index, relevance_score }] }` (Cohere, Jina), or
 * Voyage's `{ data: [{ index, relevance_score }] }`.
 */
function parseResults(body: string, count: number): RerankResult['results'] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw invalidResponse('the body is not JSON');
  }
  const { results: cohereShape, data: voyageShape } =
    (parsed as { results?: unknown; data?: unknown } | null) ?? {};
  const results = Array.isArray(cohereShape) ? cohereShape : voyageShape;
  if (!Array.isArray(results)) throw invalidResponse('no `results` (or `data`) array');
  const seen = new Set<number>();
  return results.map((item: unknown, position) => {
    const { index, relevance_score: score } = (item ?? {}) as Record<string, unknown>;
    if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= count) {
      throw invalidResponse(`results[${position}].index is not one of the ${count} documents`);
    }
    if (seen.has(index as number)) throw invalidResponse(`document ${index} is ranked twice`);
    seen.add(index as number);
    if (typeof score !== 'number' || !Number.isFinite(score)) {
      throw invalidResponse(`results[${position}].relevance_score is not a number`);
    }
    return { index: index as number, score };
  });
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Reranks through a Cohere-compatible rerank API: `POST {baseURL}/rerank` with
 * `{ model, query, documents, top_n }`, answered by `{ results: [{ index, relevance_score }] }`.
 * Voyage's API (`baseURL: 'https://api.voyageai.com/v1'`, `top_k`, `data`) works too.
 * HTTP failures become Weft's typed errors (no API key in any message); 408/409/429/5xx and
 * network failures are retried with backoff, honouring `retry-after`.
 *
 * @example
 * const reranker = cohereReranker({ apiKey: process.env.COHERE_API_KEY });
 */
export function cohereReranker(options: CohereRerankerOptions = {}): Reranker {
  const baseURL = (options.baseURL ?? 'https://api.cohere.com/v2').replace(/\/+$/, '');
  const model = options.model ?? 'rerank-v3.5';
  const topNField = options.topNField ?? (/\bvoyageai\.com\b/.test(baseURL) ? 'top_k' : 'top_n');
  if (topNField !== 'top_n' && topNField !== 'top_k') {
    throw new ValidationError(`topNField must be 'top_n' or 'top_k', got ${String(topNField)}.`);
  }
  const maxRetries = options.maxRetries ?? 2;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new ValidationError(`maxRetries must be an integer >= 0, got ${String(maxRetries)}.`);
  }
  return {
    async rerank(query, documents, rerankOptions = {}): Promise<RerankResult> {
      const { signal, topN } = rerankOptions;
      if (documents.length === 0) return { results: [], warnings: [] };
      const apiKey = options.apiKey ?? readEnv('COHERE_API_KEY');
      if (!apiKey) {
        throw new AuthenticationError(
          'No API key for the rerank API: pass cohereReranker({ apiKey }) or set COHERE_API_KEY.',
          { provider },
        );
      }
      const fetchImpl = options.fetch ?? globalThis.fetch;
      const body = JSON.stringify({
        model,
        query,
        documents,
        ...(topN === undefined ? {} : { [topNField]: Math.min(topN, documents.length) }),
      });
      for (let attempt = 0; ; attempt++) {
        signal?.throwIfAborted();
        let error: ProviderError;
        try {
          const response = await fetchImpl(`${baseURL}/rerank`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${apiKey}`,
              ...options.headers,
            },
            body,
            signal,
          });
          const text = await response.text();
          if (response.ok) return { results: parseResults(text, documents.length), warnings: [] };
          error = errorFor(response.status, response.headers, text, apiKey);
        } catch (cause) {
          if (signal?.aborted) throw new AbortError('The rerank call was aborted.', { cause });
          if (ProviderError.isInstance(cause)) throw cause;
          const reason = cause instanceof Error ? cause.message : String(cause);
          error = new ProviderError(
            `Could not reach the rerank API at ${baseURL}: ${redact(reason, apiKey)}`,
            { provider, code: 'connection_error', retryable: true },
          );
        }
        if (!error.retryable || attempt >= maxRetries) throw error;
        const delay =
          error.retryAfterMs ?? Math.round(Math.random() * Math.min(8_000, 500 * 2 ** attempt));
        await sleep(delay, signal);
      }
    },
  };
}
