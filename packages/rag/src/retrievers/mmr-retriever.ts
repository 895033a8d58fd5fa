import { type EmbeddingModel, embed } from '@weft/core';
import { recordToChunk } from '../chunk-records/index.js';
import { VectorStoreError } from '../errors/index.js';
import type { Retriever, ScoredChunk, VectorStore } from '../types/index.js';
import { maximalMarginalRelevance } from './maximal-marginal-relevance.js';
import {
  checkRetrieveCall,
  defaultTopK,
  positiveInteger,
  unitInterval,
} from './retrieve-options.js';
import { checkStoreAndModel } from './vector-retriever.js';

export interface MmrRetrieverOptions {
  /** A store that returns vectors when a query sets `includeVectors`. */
  store: VectorStore;
  embeddingModel: EmbeddingModel;
  /** 1 ranks by relevance alone, 0 by diversity alone. Default 0.5. */
  lambda?: number;
  /** How many nearest chunks to choose from. Default 20 (at least `topK`). */
  fetchK?: number;
  /** Results when the call names no `topK`. Default 4. */
  topK?: number;
}

/**
 * Retrieves relevant but mutually different chunks: fetches the `fetchK` nearest, then picks
 * by maximal marginal relevance. Scores are the store's similarities to the query, in pick order.
 *
 * @example
 * const retriever = mmrRetriever({ store, embeddingModel, lambda: 0.7, fetchK: 30 });
 */
export function mmrRetriever(options: MmrRetrieverOptions): Retriever {
  const { store, embeddingModel } = options ?? ({} as MmrRetrieverOptions);
  checkStoreAndModel(store, embeddingModel);
  const lambda = unitInterval(options.lambda ?? 0.5, 'lambda');
  const fetchKOption = positiveInteger(options.fetchK ?? 20, 'fetchK');
  const fallbackTopK = positiveInteger(options.topK ?? defaultTopK, 'topK');
  return {
    async retrieve(query, retrieveOptions = {}): Promise<ScoredChunk[]> {
      const topK = checkRetrieveCall(query, retrieveOptions, fallbackTopK);
      const { filter, signal } = retrieveOptions;
      const { embedding } = await embed({ model: embeddingModel, value: query, signal });
      const records = await store.query({
        vector: embedding,
        topK: Math.max(fetchKOption, topK),
        filter,
        signal,
        includeVectors: true,
      });
      const candidates = records.map((record) => {
        if (!(record.vector instanceof Float32Array)) {
          throw new VectorStoreError(
            `mmrRetriever needs the candidates' vectors, but the store returned record "${record.id}" without one although the query set includeVectors.`,
            { code: 'vectors_not_returned' },
          );
        }
        return { score: record.score, vector: record.vector };
      });
      return maximalMarginalRelevance(candidates, { lambda, topK }).map((index) => {
        const record = records[index] as (typeof records)[number];
        return { chunk: recordToChunk(record), score: record.score };
      });
    },
  };
}
