import { compileFilter } from '../filters/index.js';
import type { MetadataFilter } from '../types/index.js';

/** A record as the suite wrote it, kept to compute what a correct store must answer. */
export interface ReferenceRecord {
  id: string;
  vector: Float32Array;
  text?: string;
  metadata?: Record<string, unknown>;
}

/** Cosine similarity in float64. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return dot / Math.sqrt(normA * normB);
}

/** The records matching a filter, scored against a query, best first: the exact answer. */
export function referenceQuery(
  records: readonly ReferenceRecord[],
  query: { vector: Float32Array; filter?: MetadataFilter; minScore?: number },
): Array<{ id: string; score: number }> {
  const accept = compileFilter(query.filter);
  return records
    .filter((record) => accept(record.metadata))
    .map((record) => ({ id: record.id, score: cosine(record.vector, query.vector) }))
    .filter((hit) => query.minScore === undefined || hit.score >= query.minScore)
    .sort((a, b) => b.score - a.score);
}
