import { AuthenticationError, ValidationError } from '@weft/core';
import {
  createCallContext,
  credentialHeaderValues,
  invalidResponseError,
  isRecord,
  type ParsedErrorBody,
  type ProviderHttpConfig,
  postOnce,
  readEnv,
  readJsonResponse,
  trimTrailingSlash,
  withRetries,
} from '@weft/core/provider-utils';
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
  /** Milliseconds for a whole `rerank` call, retries included; then a `TimeoutError`. */
  timeout?: number;
  /** Extra headers, e.g. for a gateway. */
  headers?: Record<string, string>;
  /**
   * The request field for how many results to return: `top_n` (Cohere, Jina) or `top_k`
   * (Voyage). Default: `top_k` when the base URL is Voyage's, else `top_n`.
   */
  topNField?: 'top_n' | 'top_k';
}

/** The service a base URL belongs to, for error messages: `cohere`, `jina` or `voyage`. */
function providerOf(baseURL: string): string {
  if (/\bjina\.ai\b/.test(baseURL)) return 'jina';
  if (/\bvoyageai\.com\b/.test(baseURL)) return 'voyage';
  return 'cohere';
}

/** The message of an error body: Cohere's `message`, Voyage's `detail`, or `error`. */
function parseErrorBody(body: string): ParsedErrorBody {
  try {
    const parsed: unknown = JSON.parse(body);
    if (!isRecord(parsed)) return {};
    const nested = parsed.error;
    const candidate =
      parsed.message ?? parsed.detail ?? (isRecord(nested) ? nested.message : nested);
    return typeof candidate === 'string' ? { message: candidate } : {};
  } catch {
    return {};
  }
}

/**
 * Checks the documented shape `{ results: [{ index, relevance_score }] }` (Cohere, Jina), or
 * Voyage's `{ data: [{ index, relevance_score }] }`.
 */
function parseResults(parsed: unknown, count: number, provider: string): RerankResult['results'] {
  const invalidResponse = (detail: string) => invalidResponseError({ provider }, detail);
  const { results: cohereShape, data: voyageShape } = isRecord(parsed) ? parsed : {};
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

/**
 * Reranks through a Cohere-compatible rerank API: `POST {baseURL}/rerank` with
 * `{ model, query, documents, top_n }`, answered by `{ results: [{ index, relevance_score }] }`.
 * Voyage's API (`baseURL: 'https://api.voyageai.com/v1'`, `top_k`, `data`) works too.
 * Built like Weft's providers, on `@weft/core/provider-utils`: HTTP failures become typed
 * errors (no API key in any message), 408/409/429/5xx and network failures are retried with
 * backoff honouring `retry-after`, and the caller's signal and `timeout` end the whole call.
 *
 * @example
 * const reranker = cohereReranker({ apiKey: process.env.COHERE_API_KEY });
 */
export function cohereReranker(options: CohereRerankerOptions = {}): Reranker {
  const baseURL = trimTrailingSlash(options.baseURL ?? 'https://api.cohere.com/v2');
  const model = options.model ?? 'rerank-v3.5';
  const provider = providerOf(baseURL);
  const topNField = options.topNField ?? (provider === 'voyage' ? 'top_k' : 'top_n');
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
      const config: ProviderHttpConfig = {
        provider,
        fetch: options.fetch,
        secrets: [apiKey, ...credentialHeaderValues(options.headers)],
        parseErrorBody,
        isContextLengthError: () => false,
      };
      const body = JSON.stringify({
        model,
        query,
        documents,
        ...(topN === undefined ? {} : { [topNField]: Math.min(topN, documents.length) }),
      });
      const headers = { authorization: `Bearer ${apiKey}`, ...options.headers };
      const context = createCallContext({ signal, timeout: options.timeout });
      try {
        const json = await withRetries(
          async () => {
            const response = await postOnce(config, {
              url: `${baseURL}/rerank`,
              headers,
              body,
              context,
            });
            return readJsonResponse(config, response, context);
          },
          { context, maxRetries },
        );
        return { results: parseResults(json, documents.length, provider), warnings: [] };
      } finally {
        context.dispose();
      }
    },
  };
}
