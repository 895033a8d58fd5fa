import { ValidationError } from '@weft/core';
import type { Retriever, ScoredChunk } from '../types/index.js';
import { reciprocalRankFusion } from './reciprocal-rank-fusion.js';
import {
  checkRetrieveCall,
  defaultTopK,
  positiveInteger,
  requireMethod,
} from './retrieve-options.js';

/** A retriever to fuse and its weight (default 1). */
export interface WeightedRetriever {
  retriever: Retriever;
  weight?: number;
}

export interface HybridRetrieverOptions {
  /** The retrievers to fuse, or the usual pair: `{ vector, keyword }` (each weight 1). */
  retrievers: readonly WeightedRetriever[] | { vector: Retriever; keyword: Retriever };
  /** The reciprocal-rank-fusion constant. Default 60. */
  k?: number;
  /** How many results each retriever fetches before fusion. Default max(2 * topK, 20). */
  fetchK?: number;
  /** Results when the call names no `topK`. Default 4. */
  topK?: number;
}

function normalize(retrievers: HybridRetrieverOptions['retrievers']): WeightedRetriever[] {
  if (Array.isArray(retrievers)) return [...retrievers];
  if (typeof retrievers === 'object' && retrievers !== null && 'vector' in retrievers) {
    return [{ retriever: retrievers.vector }, { retriever: retrievers.keyword }];
  }
  throw new ValidationError(
    'retrievers must be an array of { retriever, weight? } or { vector, keyword }.',
  );
}

/**
 * Runs several retrievers in parallel and fuses their rankings with weighted reciprocal
 * rank fusion (`score = sum of weight / (k + rank)`), one result per chunk id.
 *
 * @example
 * const retriever = hybridRetriever({ retrievers: { vector: vectorRetriever(...), keyword: keywordRetriever(...) } });
 */
export function hybridRetriever(options: HybridRetrieverOptions): Retriever {
  const members = normalize(options?.retrievers);
  if (members.length === 0)
    throw new ValidationError('hybridRetriever needs at least one retriever.');
  for (const [index, member] of members.entries()) {
    requireMethod(
      member?.retriever,
      'retrieve',
      `retrievers.${index}.retriever`,
      'pass a Retriever.',
    );
    const weight = member.weight ?? 1;
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw new ValidationError(
        `retrievers.${index}.weight must be a finite number >= 0, got ${String(weight)}.`,
      );
    }
  }
  const k = options.k ?? 60;
  // Checked once here, so that a bad k fails at construction rather than on the first call.
  reciprocalRankFusion([], { k });
  const fallbackTopK = positiveInteger(options.topK ?? defaultTopK, 'topK');
  const fixedFetchK =
    options.fetchK === undefined ? undefined : positiveInteger(options.fetchK, 'fetchK');
  return {
    async retrieve(query, retrieveOptions = {}): Promise<ScoredChunk[]> {
      const topK = checkRetrieveCall(query, retrieveOptions, fallbackTopK);
      const fetchK = fixedFetchK ?? Math.max(2 * topK, 20);
      const { filter, signal } = retrieveOptions;
      const rankings = await Promise.all(
        members.map(async ({ retriever, weight }) => ({
          results: await retriever.retrieve(query, { topK: fetchK, filter, signal }),
          weight,
        })),
      );
      return reciprocalRankFusion(rankings, { k, topK });
    },
  };
}
