/**
 * The one input every vector-search contender reads: `rows` random unit vectors and `queries`
 * random unit queries, from a seeded generator, so every process builds the same floats.
 */
export interface VectorSearchData {
  dimensions: number;
  rows: number;
  /** Row-major, `rows * dimensions`. */
  matrix: Float32Array;
  queries: Float32Array[];
}

function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fillUnit(random: () => number, target: Float32Array): void {
  let sum = 0;
  for (let i = 0; i < target.length; i++) {
    const value = random() * 2 - 1;
    target[i] = value;
    sum += value * value;
  }
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < target.length; i++) target[i] = (target[i] as number) * scale;
}

export function buildVectorSearchData(options: {
  rows: number;
  dimensions: number;
  queries: number;
  seed: number;
}): VectorSearchData {
  const random = createRandom(options.seed);
  const matrix = new Float32Array(options.rows * options.dimensions);
  for (let row = 0; row < options.rows; row++) {
    fillUnit(random, matrix.subarray(row * options.dimensions, (row + 1) * options.dimensions));
  }
  const queries = Array.from({ length: options.queries }, () => {
    const query = new Float32Array(options.dimensions);
    fillUnit(random, query);
    return query;
  });
  return { dimensions: options.dimensions, rows: options.rows, matrix, queries };
}
