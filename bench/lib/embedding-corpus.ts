/**
 * The embeddings benchmark's inputs and the server's answers, shared by both processes.
 * Texts start with their position ("123: ..."), and the server answers text i with vector
 * `i % poolSize` of a fixed pool, so the client can check that every vector is in place.
 */

export const poolSize = 64;

/** A deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words =
  'the a vector model search query document index cosine similarity embedding token batch request latency answer user question retrieval context chunk store rank score fast small large cheap network server client cache'.split(
    ' ',
  );

/** `count` short texts of 5 to 25 words, each prefixed with its position. */
export function benchTexts(count: number, seed = 20_000): string[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const length = 5 + Math.floor(next() * 21);
    const picked = Array.from({ length }, () => words[Math.floor(next() * words.length)]);
    return `${i}: ${picked.join(' ')}.`;
  });
}

/** Vector `k` of the pool: `dimensions` floats, first one equal to k (checked by the client). */
export function poolVector(k: number, dimensions: number): Float32Array {
  const next = random(k + 1);
  const vector = new Float32Array(dimensions);
  for (let i = 0; i < dimensions; i++) vector[i] = next() * 2 - 1;
  vector[0] = k;
  return vector;
}

/** The pool index of a text's vector. */
export function poolIndexOf(text: string): number {
  return Number.parseInt(text, 10) % poolSize;
}
