import type { RetrieverWarning } from './retrieve-options.js';

/** One reranked document: its index in the input and its relevance (higher is better). */
export interface RerankedItem {
  index: number;
  score: number;
}

export interface RerankResult {
  /** Best first; may hold fewer items than the input when `topN` is set. */
  results: RerankedItem[];
  warnings: RetrieverWarning[];
  /** True when the reranker could not rank and returned the input order; scores are then 0. */
  keptOriginalOrder?: boolean;
}

export interface RerankOptions {
  /** How many results to return at most. */
  topN?: number;
  signal?: AbortSignal;
}

/** Orders documents by relevance to a query: a model, or a rerank API. */
export interface Reranker {
  rerank(
    query: string,
    documents: readonly string[],
    options?: RerankOptions,
  ): Promise<RerankResult>;
}
