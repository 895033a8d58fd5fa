import { ValidationError } from '@weft/core';
import type { Chunk, ScoredChunk } from '../types/index.js';

/** One ranked list to fuse, with its weight (default 1). */
export interface WeightedRanking {
  results: readonly ScoredChunk[];
  weight?: number;
}

export interface ReciprocalRankFusionOptions {
  /** Dampens the lead of the first ranks; 60 in the original paper. */
  k?: number;
  /** How many fused results to keep; all by default. */
  topK?: number;
}

interface Fused {
  chunk: Chunk;
  contributions: number[];
  bestRank: number;
}

/** Orders strings by UTF-16 code unit, independently of the locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Weighted reciprocal rank fusion: each chunk scores the sum over rankings of
 * `weight / (k + rank)` (rank from 1; a chunk counts once per ranking, at its best rank).
 * Ties go to the chunk with the better single rank, then to the smaller id, so the result
 * does not depend on the order of the rankings. The chunk object kept for an id is the one
 * from the first ranking that holds it.
 */
export function reciprocalRankFusion(
  rankings: readonly WeightedRanking[],
  options: ReciprocalRankFusionOptions = {},
): ScoredChunk[] {
  const { k = 60, topK } = options;
  if (typeof k !== 'number' || !Number.isFinite(k) || k < 0) {
    throw new ValidationError(`k must be a finite number >= 0, got ${String(k)}.`);
  }
  const byId = new Map<string, Fused>();
  for (const [position, ranking] of rankings.entries()) {
    const weight = ranking.weight ?? 1;
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw new ValidationError(
        `rankings.${position}.weight must be a finite number >= 0, got ${String(weight)}.`,
      );
    }
    const seen = new Set<string>();
    let rank = 0;
    for (const { chunk } of ranking.results) {
      if (seen.has(chunk.id)) continue;
      seen.add(chunk.id);
      rank++;
      const entry = byId.get(chunk.id);
      const contribution = weight / (k + rank);
      if (entry) {
        entry.contributions.push(contribution);
        entry.bestRank = Math.min(entry.bestRank, rank);
      } else {
        byId.set(chunk.id, { chunk, contributions: [contribution], bestRank: rank });
      }
    }
  }
  const fused = [...byId.values()].map((entry) => ({
    chunk: entry.chunk,
    bestRank: entry.bestRank,
    // Summed in a fixed order: floating-point addition is not associative, and the score
    // must not change when the rankings are given in another order.
    score: entry.contributions.sort((a, b) => a - b).reduce((sum, value) => sum + value, 0),
  }));
  fused.sort(
    (a, b) => b.score - a.score || a.bestRank - b.bestRank || compareIds(a.chunk.id, b.chunk.id),
  );
  const kept = topK === undefined ? fused : fused.slice(0, topK);
  return kept.map(({ chunk, score }) => ({ chunk, score }));
}
