import { ProviderError, ValidationError } from '../errors/errors.js';
import { validateCallOptions } from '../prompt/validate-request.js';
import { createCallContext } from '../provider-utils/call-context.js';
import type { CallOptions } from '../types/chat-model.js';
import type { EmbeddingModel } from '../types/embedding-model.js';
import type { Usage } from '../types/usage.js';
import { type EmbeddingCacheStore, embeddingCacheKey } from './embedding-cache.js';
import { utf8Length } from './embedding-tokenizer.js';
import { type BatchPlan, planBatches } from './plan-batches.js';
import {
  applyInputLimit,
  checkValues,
  type TokenCounting,
  tokenCounting,
} from './prepare-inputs.js';
import { runBatches } from './run-batches.js';

/** Reported after each request: how far the whole call has come. */
export interface EmbedProgress {
  /** Values that have their vector (cache hits and duplicates included). */
  completed: number;
  /** All values. */
  total: number;
  /** The request that just finished: its position among `count` requests and its size. */
  batch: { index: number; count: number; size: number };
}

export interface EmbedManyOptions extends CallOptions {
  model: EmbeddingModel;
  values: string[];
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  onProgress?: (progress: EmbedProgress) => void;
  /** Vectors already paid for are read from here, new ones written to it. */
  cache?: EmbeddingCacheStore;
  /** Cut texts over the model's per-input token limit instead of refusing them. */
  truncate?: boolean;
  /**
   * Exact token counts for the model's limits. Defaults to the tokenizer of the model's
   * `encoding`; without either, limits use the UTF-8 length, an upper bound on tokens.
   */
  countTokens?: (text: string) => number;
}

export interface EmbedManyResult {
  /** One vector per value, in the order of `values`. */
  embeddings: Float32Array[];
  /** Tokens of the requests sent (cache hits cost none). */
  usage: Usage;
  /** Positions of values cut to the model's token limit (with `truncate: true`). */
  truncated: number[];
  /** Values served from the cache. */
  cacheHits: number;
  /** Requests sent to the provider (retries not counted). */
  requests: number;
}

export const defaultEmbedConcurrency = 4;

function checkOptions(options: EmbedManyOptions): void {
  const { model, concurrency } = options;
  if (!model || typeof model.embed !== 'function') {
    throw new ValidationError('embedMany needs an embedding `model`.', {
      issues: [{ path: ['model'], message: 'must be an EmbeddingModel' }],
    });
  }
  if (!Number.isInteger(model.maxBatchSize) || model.maxBatchSize < 1) {
    throw new ValidationError(
      `${model.provider}/${model.modelId} has an invalid maxBatchSize (${model.maxBatchSize}).`,
    );
  }
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
    throw new ValidationError(`concurrency must be a positive integer, got ${concurrency}.`, {
      issues: [{ path: ['concurrency'], message: 'must be a positive integer' }],
    });
  }
  checkValues(options.values);
  validateCallOptions(options);
}

function addUsage(total: Usage, usage: Usage | undefined): void {
  if (!usage) return;
  if (usage.inputTokens !== undefined)
    total.inputTokens = (total.inputTokens ?? 0) + usage.inputTokens;
  if (usage.totalTokens !== undefined)
    total.totalTokens = (total.totalTokens ?? 0) + usage.totalTokens;
}

/**
 * Embeds many texts: duplicates and cached texts are not sent, the rest go out in batches
 * within the model's limits on inputs and tokens per request, a few requests at a time.
 * Each request is retried on its own after a retryable failure; any other failure, an
 * abort or the timeout stops new requests, cancels those in flight and rejects.
 *
 * @example
 * const { embeddings } = await embedMany({ model: openai.embedding('text-embedding-3-small'), values: chunks });
 */
export async function embedMany(options: EmbedManyOptions): Promise<EmbedManyResult> {
  checkOptions(options);
  const { model, values, cache, onProgress } = options;
  const context = createCallContext(options);
  try {
    const stopped = context.stopReason();
    if (stopped) throw stopped;
    const counting = tokenCounting(model, options.countTokens);
    const { texts, truncated } = await applyInputLimit(
      values,
      model,
      counting,
      options.truncate === true,
    );

    // Each distinct text once: `uniqueOf[i]` is the distinct text of value i, `uses[u]` how
    // many values share distinct text u. Typed arrays: 20,000 small arrays cost more than
    // the rest of the planning.
    const uniqueIndex = new Map<string, number>();
    const unique: string[] = [];
    const uniqueOf = new Int32Array(texts.length);
    for (let index = 0; index < texts.length; index++) {
      const text = texts[index] as string;
      let u = uniqueIndex.get(text);
      if (u === undefined) {
        u = unique.length;
        uniqueIndex.set(text, u);
        unique.push(text);
      }
      uniqueOf[index] = u;
    }
    const uses = new Int32Array(unique.length);
    for (const u of uniqueOf) uses[u] = (uses[u] as number) + 1;

    const vectors = new Array<Float32Array | undefined>(unique.length);
    let keys: string[] = [];
    let cacheHits = 0;
    if (cache) {
      keys = await Promise.all(unique.map((text) => embeddingCacheKey(model, text)));
      const cached = await cache.get(keys);
      for (let u = 0; u < unique.length; u++) {
        const vector = cached[u];
        if (vector) {
          vectors[u] = vector;
          cacheHits += uses[u] as number;
        }
      }
    }
    const pending: number[] = [];
    for (let u = 0; u < unique.length; u++) if (!vectors[u]) pending.push(u);

    const batches = await planPending(
      pending.map((u) => unique[u] as string),
      model,
      counting,
    );
    const usage: Usage = {};
    // Values already done: the cache hits.
    let completed = cacheHits;
    let dimensions = vectors.find((vector) => vector !== undefined)?.length;

    await runBatches({
      count: batches.length,
      concurrency: options.concurrency ?? defaultEmbedConcurrency,
      signal: context.signal,
      run: async (batchIndex, signal) => {
        const batch = batches[batchIndex] as BatchPlan;
        const members = pending.slice(batch.start, batch.end);
        const response = await model.embed(
          members.map((u) => unique[u] as string),
          {
            signal,
            maxRetries: options.maxRetries,
            headers: options.headers,
            onRetry: options.onRetry,
          },
        );
        const { embeddings } = response;
        if (!Array.isArray(embeddings) || embeddings.length !== members.length) {
          throw badResponse(model, `${embeddings?.length} vectors for ${members.length} texts`);
        }
        for (let i = 0; i < members.length; i++) {
          const vector = embeddings[i];
          if (!(vector instanceof Float32Array))
            throw badResponse(model, `vector ${i} is not a Float32Array`);
          dimensions ??= vector.length;
          if (vector.length !== dimensions) {
            throw badResponse(
              model,
              `a vector of ${vector.length} dimensions among vectors of ${dimensions}`,
            );
          }
          vectors[members[i] as number] = vector;
        }
        addUsage(usage, response.usage);
        if (cache) {
          await cache.set(
            members.map((u, i) => ({
              key: keys[u] as string,
              embedding: embeddings[i] as Float32Array,
            })),
          );
        }
        for (const u of members) completed += uses[u] as number;
        onProgress?.({
          completed,
          total: values.length,
          batch: { index: batchIndex, count: batches.length, size: members.length },
        });
      },
    });

    const embeddings = new Array<Float32Array>(values.length);
    const handedOut = new Uint8Array(unique.length);
    for (let index = 0; index < values.length; index++) {
      const u = uniqueOf[index] as number;
      const vector = vectors[u] as Float32Array;
      // Duplicates get their own copy, so changing one result never changes another.
      embeddings[index] = handedOut[u] ? vector.slice() : vector;
      handedOut[u] = 1;
    }
    return { embeddings, usage, truncated, cacheHits, requests: batches.length };
  } catch (error) {
    throw context.stopReason() ?? error;
  } finally {
    context.dispose();
  }
}

/**
 * Batches for the texts to send. Token limits are first applied with UTF-8 lengths (an
 * upper bound, free to compute); only when that bound closes a batch early are the texts
 * counted exactly and the batches planned again.
 */
async function planPending(
  texts: string[],
  model: EmbeddingModel,
  counting: TokenCounting,
): Promise<BatchPlan[]> {
  const { maxBatchSize, maxBatchTokens } = model;
  if (maxBatchTokens === undefined) {
    return planBatches({ count: texts.length, maxBatchSize, tokensOf: () => 0 });
  }
  const bounds = texts.map(utf8Length);
  const rough = planBatches({
    count: texts.length,
    maxBatchSize,
    maxBatchTokens,
    tokensOf: (i) => bounds[i] as number,
  });
  if (!rough.some((batch) => batch.cutByTokens)) return rough;
  const count = await counting.exact();
  if (!count) return rough;
  const exact = texts.map((text) => count(text));
  return planBatches({
    count: texts.length,
    maxBatchSize,
    maxBatchTokens,
    tokensOf: (i) => exact[i] as number,
  });
}

function badResponse(model: EmbeddingModel, detail: string): ProviderError {
  return new ProviderError(
    `${model.provider}/${model.modelId} returned an unexpected embedding response: ${detail}.`,
    { code: 'invalid_response', provider: model.provider },
  );
}
