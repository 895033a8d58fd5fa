import { cosineSimilarity } from '@weft/core';

export interface MmrCandidate {
  /** Relevance to the query (higher is better), e.g. the store's cosine similarity. */
  score: number;
  vector: Float32Array;
}

/**
 * Maximal marginal relevance: picks, one at a time, the candidate maximizing
 * `lambda * relevance - (1 - lambda) * (highest similarity to any already picked)`.
 * Returns the candidates' indexes in pick order. Ties go to the earlier candidate, so with
 * `lambda = 1` the result is the candidates' own order by score.
 */
export function maximalMarginalRelevance(
  candidates: readonly MmrCandidate[],
  options: { lambda: number; topK: number },
): number[] {
  const { lambda, topK } = options;
  const picked: number[] = [];
  // The highest similarity of each candidate to the picked ones, updated after each pick.
  const redundancy = new Float64Array(candidates.length).fill(Number.NEGATIVE_INFINITY);
  const available = new Uint8Array(candidates.length).fill(1);
  while (picked.length < Math.min(topK, candidates.length)) {
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (let index = 0; index < candidates.length; index++) {
      if (available[index] === 0) continue;
      const similarity = picked.length === 0 ? 0 : (redundancy[index] as number);
      const relevance = (candidates[index] as MmrCandidate).score;
      const value = lambda === 1 ? relevance : lambda * relevance - (1 - lambda) * similarity;
      if (best === -1 || value > bestValue) {
        best = index;
        bestValue = value;
      }
    }
    picked.push(best);
    available[best] = 0;
    const chosen = (candidates[best] as MmrCandidate).vector;
    for (let index = 0; index < candidates.length; index++) {
      if (available[index] === 0) continue;
      const similarity = cosineSimilarity((candidates[index] as MmrCandidate).vector, chosen);
      if (similarity > (redundancy[index] as number)) redundancy[index] = similarity;
    }
  }
  return picked;
}
