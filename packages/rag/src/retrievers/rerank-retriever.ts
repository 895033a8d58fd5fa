import { ProviderError } from '@weft/core';
import type { Retriever, ScoredChunk } from '../types/index.js';
import type { Reranker } from './reranker.js';
import {
  checkRetrieveCall,
  defaultTopK,
  positiveInteger,
  type RetrieverWarning,
  requireMethod,
} from './retrieve-options.js';

export interface RerankRetrieverOptions {
  /** Finds the candidates. */
  retriever: Retriever;
  /** Orders them: `llmReranker({ model })` or `cohereReranker(...)`. */
  reranker: Reranker;
  /** How many candidates to fetch and rerank. Default 20 (at least `topK`). */
  fetchK?: number;
  /** Results when the call names no `topK`. Default 4. */
  topK?: number;
  /** Told when the reranker could not rank (the retriever's order is kept). */
  onWarning?: (warning: RetrieverWarning) => void;
}

/**
 * Fetches `fetchK` candidates, lets the reranker order them, and keeps the best `topK`.
 * Scores are the reranker's; when it could not rank, the retriever's order and scores stay.
 *
 * @example
 * const retriever = rerankRetriever({ retriever: hybrid, reranker: cohereReranker(), fetchK: 30 });
 */
export function rerankRetriever(options: RerankRetrieverOptions): Retriever {
  const { retriever, reranker, onWarning } = options ?? ({} as RerankRetrieverOptions);
  requireMethod(retriever, 'retrieve', 'retriever', 'pass a Retriever.');
  requireMethod(reranker, 'rerank', 'reranker', 'pass llmReranker({ model }) or cohereReranker().');
  const fetchKOption = positiveInteger(options.fetchK ?? 20, 'fetchK');
  const fallbackTopK = positiveInteger(options.topK ?? defaultTopK, 'topK');
  return {
    async retrieve(query, retrieveOptions = {}): Promise<ScoredChunk[]> {
      const topK = checkRetrieveCall(query, retrieveOptions, fallbackTopK);
      const { filter, signal } = retrieveOptions;
      const candidates = await retriever.retrieve(query, {
        topK: Math.max(fetchKOption, topK),
        filter,
        signal,
      });
      if (candidates.length === 0) return [];
      const ranked = await reranker.rerank(
        query,
        candidates.map(({ chunk }) => chunk.text),
        { topN: topK, signal },
      );
      for (const warning of ranked.warnings) onWarning?.(warning);
      if (ranked.keptOriginalOrder) return candidates.slice(0, topK);
      const seen = new Set<number>();
      const results: ScoredChunk[] = [];
      for (const { index, score } of ranked.results) {
        const candidate = candidates[index];
        if (!Number.isInteger(index) || candidate === undefined || seen.has(index)) {
          throw new ProviderError(
            `The reranker returned index ${String(index)}, which is not one of the ${candidates.length} candidates (or appears twice).`,
            { code: 'invalid_response' },
          );
        }
        seen.add(index);
        results.push({ chunk: candidate.chunk, score });
        if (results.length === topK) break;
      }
      return results;
    },
  };
}
