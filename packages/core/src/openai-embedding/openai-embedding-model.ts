import { ProviderError, ValidationError } from '../errors/errors.js';
import { WeftError } from '../errors/weft-error.js';
import { isOpenAIContextLengthError, parseOpenAIErrorBody } from '../openai-chat/parse-error.js';
import { validateCallOptions } from '../prompt/validate-request.js';
import { createCallContext } from '../provider-utils/call-context.js';
import {
  type ProviderHttpConfig,
  postOnce,
  readJsonResponse,
  requestIdFrom,
} from '../provider-utils/http.js';
import { credentialHeaderValues } from '../provider-utils/redact.js';
import { withRetries } from '../provider-utils/retry.js';
import type { CallOptions } from '../types/chat-model.js';
import type { EmbeddingModel, EmbeddingResponse } from '../types/embedding-model.js';
import { parseEmbeddingResponse } from './parse-embedding-response.js';

/** The limits `embedMany` plans batches with. */
export interface EmbeddingLimits {
  maxBatchSize: number;
  maxBatchTokens?: number;
  maxInputTokens?: number;
  encoding?: 'o200k_base' | 'cl100k_base';
  /** Vector length, when known before the first call. */
  dimensions?: number;
}

/** Everything that differs between OpenAI and an OpenAI-compatible embeddings server. */
export interface OpenAIStyleEmbeddingConfig {
  provider: string;
  /** Full URL of the embeddings endpoint. */
  url: string;
  /** Headers for every request (auth included); read per call so keys can rotate. */
  headers(): Record<string, string>;
  secrets(): (string | undefined)[];
  fetch?: typeof globalThis.fetch;
  limits: EmbeddingLimits;
  /** Sent as `dimensions` (text-embedding-3 models shorten their vectors). */
  dimensions?: number;
  /** `base64` (default) decodes straight into Float32Array; `float` asks for JSON numbers. */
  encodingFormat?: 'base64' | 'float';
}

/** Checks an embedding model's numeric settings; a bad one throws before any request. */
export function validateEmbeddingSettings(
  settings: Record<string, number | undefined>,
  where: string,
): void {
  for (const [name, value] of Object.entries(settings)) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      throw new ValidationError(`${where}: ${name} must be a positive integer, got ${value}.`, {
        issues: [{ path: [name], message: 'must be a positive integer' }],
      });
    }
  }
}

const encodings = new Set<string>(['o200k_base', 'cl100k_base']);

function checkTexts(texts: unknown, maxBatchSize: number): asserts texts is string[] {
  if (!Array.isArray(texts) || texts.length === 0) {
    throw new ValidationError('embed needs a non-empty array of texts.', {
      issues: [{ path: ['texts'], message: 'must be a non-empty array of strings' }],
    });
  }
  if (texts.length > maxBatchSize) {
    throw new ValidationError(
      `${texts.length} texts is more than this model takes in one request (${maxBatchSize}); use embedMany, which splits them into batches.`,
      { issues: [{ path: ['texts'], message: `at most ${maxBatchSize} texts` }] },
    );
  }
  const bad = texts.findIndex((text) => typeof text !== 'string');
  if (bad !== -1) {
    throw new ValidationError(`texts[${bad}] is not a string.`, {
      issues: [{ path: ['texts', bad], message: 'must be a string' }],
    });
  }
}

/**
 * An `EmbeddingModel` speaking OpenAI's `/embeddings` protocol. One `embed` call is one
 * request (retried after retryable failures, like chat calls); `embedMany` does the batching.
 */
export function createOpenAIStyleEmbeddingModel(
  config: OpenAIStyleEmbeddingConfig,
  modelId: string,
): EmbeddingModel {
  const { limits } = config;
  const where = `${config.provider} embedding model ${modelId}`;
  validateEmbeddingSettings(
    {
      dimensions: config.dimensions,
      maxBatchSize: limits.maxBatchSize,
      maxBatchTokens: limits.maxBatchTokens,
      maxInputTokens: limits.maxInputTokens,
    },
    where,
  );
  if (limits.encoding !== undefined && !encodings.has(limits.encoding)) {
    throw new ValidationError(
      `${where}: encoding must be o200k_base or cl100k_base, got ${String(limits.encoding)}.`,
      { issues: [{ path: ['encoding'], message: 'must be o200k_base or cl100k_base' }] },
    );
  }
  const encodingFormat = config.encodingFormat ?? 'base64';
  return {
    provider: config.provider,
    modelId,
    dimensions: config.dimensions ?? limits.dimensions,
    maxBatchSize: limits.maxBatchSize,
    maxBatchTokens: limits.maxBatchTokens,
    maxInputTokens: limits.maxInputTokens,
    encoding: limits.encoding,
    async embed(texts: string[], options: CallOptions = {}): Promise<EmbeddingResponse> {
      checkTexts(texts, limits.maxBatchSize);
      validateCallOptions(options);
      const http: ProviderHttpConfig = {
        provider: config.provider,
        fetch: config.fetch,
        secrets: [...config.secrets(), ...credentialHeaderValues(options.headers)],
        parseErrorBody: parseOpenAIErrorBody,
        isContextLengthError: isOpenAIContextLengthError,
      };
      const body = JSON.stringify({
        model: modelId,
        input: texts,
        encoding_format: encodingFormat,
        ...(config.dimensions === undefined ? {} : { dimensions: config.dimensions }),
      });
      const headers = { ...config.headers(), ...options.headers };
      const context = createCallContext(options);
      try {
        // Reading the body is part of the attempt: a connection lost mid-body is retried too.
        const { json, requestId } = await withRetries(
          async () => {
            const response = await postOnce(http, { url: config.url, headers, body, context });
            const json = await readJsonResponse(http, response, context);
            return { json, requestId: requestIdFrom(response.headers) };
          },
          { context, maxRetries: options.maxRetries, onRetry: options.onRetry },
        );
        return parseEmbeddingResponse(config.provider, json, texts.length, requestId);
      } catch (error) {
        const stopped = context.stopReason();
        if (stopped) throw stopped;
        if (WeftError.isInstance(error)) throw error;
        throw new ProviderError(`The ${config.provider} embedding call failed: ${String(error)}`, {
          provider: config.provider,
          cause: error,
        });
      } finally {
        context.dispose();
      }
    },
  };
}
