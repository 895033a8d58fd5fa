import { type EmbeddingCacheStore, type EmbeddingModel, embed, ValidationError } from '@weft/core';
import { recordToChunk } from '../chunk-records/index.js';
import type { Retriever, ScoredChunk, VectorStore } from '../types/index.js';
import {
  checkRetrieveCall,
  defaultTopK,
  positiveInteger,
  requireMethod,
} from './retrieve-options.js';

export interface VectorRetrieverOptions {
  /** Holds chunk records written by `chunkToRecord` (e.g. through `ingest`). */
  store: VectorStore;
  /** The model the chunks were embedded with. */
  embeddingModel: EmbeddingModel;
  /** Results when the call names no `topK`. Default 4. */
  topK?: number;
  /** Leaves out results whose cosine similarity is lower. */
  minScore?: number;
  /** Where query vectors are kept, so a question asked again sends no request. */
  embeddingCache?: EmbeddingCacheStore;
}

/** Checks the `store` and `embeddingModel` options shared by the store-backed retrievers. */
export function checkStoreAndModel(store: unknown, embeddingModel: unknown): void {
  requireMethod(
    store,
    'query',
    'store',
    'pass a VectorStore such as new InMemoryVectorStore(...).',
  );
  requireMethod(
    embeddingModel,
    'embed',
    'embeddingModel',
    "pass an EmbeddingModel, e.g. openai.embedding('text-embedding-3-small').",
  );
}

/**
 * Finds the chunks whose vectors are nearest to the query's embedding. Scores are the
 * store's cosine similarities.
 *
 * @example
 * const retriever = vectorRetriever({ store, embeddingModel: openai.embedding('text-embedding-3-small') });
 * const hits = await retriever.retrieve('How do I stream?', { topK: 5 });
 */
export function vectorRetriever(options: VectorRetrieverOptions): Retriever {
  const { store, embeddingModel, minScore, embeddingCache } =
    options ?? ({} as VectorRetrieverOptions);
  checkStoreAndModel(store, embeddingModel);
  const fallbackTopK = positiveInteger(options.topK ?? defaultTopK, 'topK');
  if (minScore !== undefined && (typeof minScore !== 'number' || Number.isNaN(minScore))) {
    throw new ValidationError(`minScore must be a number, got ${String(minScore)}.`);
  }
  return {
    async retrieve(query, retrieveOptions = {}): Promise<ScoredChunk[]> {
      const topK = checkRetrieveCall(query, retrieveOptions, fallbackTopK);
      const { signal, filter } = retrieveOptions;
      const { embedding } = await embed({
        model: embeddingModel,
        value: query,
        signal,
        cache: embeddingCache,
      });
      const records = await store.query({ vector: embedding, topK, filter, minScore, signal });
      return records.map((record) => ({ chunk: recordToChunk(record), score: record.score }));
    },
  };
}
