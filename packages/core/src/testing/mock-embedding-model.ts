import { AbortError } from '../errors/errors.js';
import type { CallOptions } from '../types/chat-model.js';
import type { EmbeddingModel, EmbeddingResponse } from '../types/embedding-model.js';

export interface MockEmbeddingModelOptions {
  provider?: string;
  modelId?: string;
  /** Vector length. Default 8. */
  dimensions?: number;
  maxBatchSize?: number;
  maxBatchTokens?: number;
  maxInputTokens?: number;
  encoding?: EmbeddingModel['encoding'];
  /** The vector of a text. Default: a deterministic unit vector derived from the text. */
  embedText?: (text: string) => Float32Array;
  /**
   * Runs before each call answers; throw to fail the call, return a promise to delay it.
   * `callIndex` counts calls from 0.
   */
  beforeAnswer?: (texts: string[], callIndex: number) => void | Promise<void>;
}

export interface MockEmbeddingCall {
  texts: string[];
  options: CallOptions;
}

/** A scripted `EmbeddingModel` that records every call, for tests of code built on Weft. */
export interface MockEmbeddingModel extends EmbeddingModel {
  readonly calls: MockEmbeddingCall[];
}

/** A deterministic unit vector for `text` (FNV-1a seeded), similar texts not similar. */
export function hashEmbedding(text: string, dimensions: number): Float32Array {
  const vector = new Float32Array(dimensions);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  let norm = 0;
  for (let i = 0; i < dimensions; i++) {
    hash = Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d) ^ i;
    const value = ((hash >>> 0) / 0xffffffff) * 2 - 1;
    vector[i] = value;
    norm += value * value;
  }
  const scale = norm === 0 ? 0 : 1 / Math.sqrt(norm);
  for (let i = 0; i < dimensions; i++) vector[i] = (vector[i] as number) * scale;
  return vector;
}

/** A mock embedding model: vectors from `embedText`, usage of one token per 4 characters. */
export function mockEmbeddingModel(options: MockEmbeddingModelOptions = {}): MockEmbeddingModel {
  const dimensions = options.dimensions ?? 8;
  const embedText = options.embedText ?? ((text: string) => hashEmbedding(text, dimensions));
  const calls: MockEmbeddingCall[] = [];
  return {
    provider: options.provider ?? 'mock',
    modelId: options.modelId ?? 'mock-embedding',
    dimensions,
    maxBatchSize: options.maxBatchSize ?? 2048,
    maxBatchTokens: options.maxBatchTokens,
    maxInputTokens: options.maxInputTokens,
    encoding: options.encoding,
    calls,
    async embed(texts: string[], callOptions: CallOptions = {}): Promise<EmbeddingResponse> {
      const callIndex = calls.length;
      calls.push({ texts: [...texts], options: callOptions });
      const { signal } = callOptions;
      const aborted = () => new AbortError('The call was aborted by its signal.');
      if (signal?.aborted) throw aborted();
      if (options.beforeAnswer) {
        const waiting = Promise.resolve(options.beforeAnswer(texts, callIndex));
        if (signal) {
          await new Promise<void>((resolve, reject) => {
            const onAbort = () => reject(aborted());
            signal.addEventListener('abort', onAbort, { once: true });
            waiting
              .then(resolve, reject)
              .finally(() => signal.removeEventListener('abort', onAbort));
          });
        } else await waiting;
      }
      const inputTokens = texts.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
      return {
        embeddings: texts.map((text) => embedText(text)),
        usage: { inputTokens, totalTokens: inputTokens },
      };
    },
  };
}
