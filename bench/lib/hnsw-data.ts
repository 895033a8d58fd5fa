/**
 * The input every HNSW contender reads, from a seeded generator so every process builds the
 * same floats: `random` unit vectors (uniform directions: the worst case for a graph index,
 * since no point has much closer neighbours than any other) or `clustered` ones, a mixture
 * of Gaussians around random centres, closer to how real embeddings crowd into topics.
 * Queries are drawn from the same distribution as the rows.
 */
import { createRandom, randomUnitVector } from '../../packages/rag/src/conformance/random-data.js';

export type HnswDataKind = 'random' | 'clustered';

export interface HnswData {
  dimensions: number;
  rows: number;
  /** Row-major, `rows * dimensions`, unit vectors. */
  matrix: Float32Array;
  queries: Float32Array[];
}

/** Clusters in the mixture, and each point's noise relative to its centre (cosine ~ 0.8). */
const clusterCount = 1000;
const spread = 0.5;

export function buildHnswData(options: {
  kind: HnswDataKind;
  rows: number;
  dimensions: number;
  queries: number;
  seed: number;
}): HnswData {
  const { kind, rows, dimensions } = options;
  const random = createRandom(options.seed);
  const centres =
    kind === 'clustered'
      ? Array.from({ length: clusterCount }, () => randomUnitVector(random, dimensions))
      : [];
  const draw = (target: Float32Array) => {
    const noise = randomUnitVector(random, dimensions);
    if (kind === 'random') {
      target.set(noise);
      return;
    }
    const centre = centres[Math.floor(random() * clusterCount)] as Float32Array;
    let sum = 0;
    for (let i = 0; i < dimensions; i++) {
      const value = (centre[i] as number) + spread * (noise[i] as number);
      target[i] = value;
      sum += value * value;
    }
    const scale = 1 / Math.sqrt(sum);
    for (let i = 0; i < dimensions; i++) target[i] = (target[i] as number) * scale;
  };
  const matrix = new Float32Array(rows * dimensions);
  for (let row = 0; row < rows; row++) {
    draw(matrix.subarray(row * dimensions, (row + 1) * dimensions));
  }
  const queries = Array.from({ length: options.queries }, () => {
    const query = new Float32Array(dimensions);
    draw(query);
    return query;
  });
  return { dimensions, rows, matrix, queries };
}
