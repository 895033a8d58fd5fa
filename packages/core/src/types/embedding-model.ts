import type { CallOptions } from './chat-model.js';
import type { Usage } from './usage.js';

/** The result of one embedding request. Vectors are in the order of the inputs. */
export interface EmbeddingResponse {
  embeddings: Float32Array[];
  usage?: Usage;
}

/**
 * An embedding model. `embed` sends one request; `embedMany` splits large inputs into
 * batches that respect `maxBatchSize` and `maxBatchTokens`.
 */
export interface EmbeddingModel {
  readonly provider: string;
  readonly modelId: string;
  /** Length of each vector, when known in advance. */
  readonly dimensions?: number;
  /** Most inputs in one request (OpenAI: 2,048). */
  readonly maxBatchSize: number;
  /** Most tokens, all inputs together, in one request (OpenAI: 300,000). */
  readonly maxBatchTokens?: number;
  /** Most tokens in one input (OpenAI's text-embedding-3 models: 8,191). */
  readonly maxInputTokens?: number;
  /** The tokenizer encoding the model counts with, for batching by tokens. */
  readonly encoding?: 'o200k_base' | 'cl100k_base';
  embed(texts: string[], options?: CallOptions): Promise<EmbeddingResponse>;
}
