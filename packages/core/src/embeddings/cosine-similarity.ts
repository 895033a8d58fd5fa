import { ValidationError } from '../errors/errors.js';

type Vector = Float32Array | Float64Array | readonly number[];

/**
 * The cosine of the angle between two vectors, in [-1, 1]: 1 for the same direction.
 * Vectors of different lengths throw a `ValidationError`. A zero vector has no direction,
 * so its similarity to anything is 0 (never NaN, which would poison sorting and averages).
 *
 * @example
 * cosineSimilarity(a.embedding, b.embedding) // 0.83
 */
export function cosineSimilarity(a: Vector, b: Vector): number {
  if (a.length !== b.length) {
    throw new ValidationError(
      `cosineSimilarity needs vectors of the same length, got ${a.length} and ${b.length}.`,
      { issues: [{ path: ['b'], message: `must have ${a.length} dimensions` }] },
    );
  }
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
  if (normA === 0 || normB === 0) return 0;
  const similarity = dot / (Math.sqrt(normA) * Math.sqrt(normB));
  // Rounding can push the ratio a hair past 1 for parallel vectors.
  return Math.max(-1, Math.min(1, similarity));
}
