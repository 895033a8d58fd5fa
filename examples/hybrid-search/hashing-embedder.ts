import type { EmbeddingModel } from '@weft/core';

/**
 * A small, deterministic, offline embedder for the example when no provider is configured:
 * each lower-cased word and each of its character trigrams is hashed into one of
 * `dimensions` buckets (the "hashing trick"), and the vector is normalized. Texts that share
 * words or word pieces ("purr", "purring") land near each other; it knows no synonyms, which
 * is exactly what makes the difference with keyword search visible. Not for real use.
 */
export function hashingEmbedder(dimensions = 512): EmbeddingModel {
  const bucket = (feature: string) => {
    let hash = 0x811c9dc5;
    for (let i = 0; i < feature.length; i++)
      hash = Math.imul(hash ^ feature.charCodeAt(i), 0x01000193);
    return (hash >>> 0) % dimensions;
  };
  const embedText = (text: string) => {
    const vector = new Float32Array(dimensions);
    for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
      const index = bucket(`w:${word}`);
      vector[index] = (vector[index] ?? 0) + 1;
      const padded = `^${word}$`;
      for (let i = 0; i + 3 <= padded.length; i++) {
        const gram = bucket(`g:${padded.slice(i, i + 3)}`);
        vector[gram] = (vector[gram] ?? 0) + 0.5;
      }
    }
    let norm = 0;
    for (const value of vector) norm += value * value;
    const scale = norm === 0 ? 0 : 1 / Math.sqrt(norm);
    return vector.map((value) => value * scale);
  };
  return {
    provider: 'local',
    modelId: `hashing-${dimensions}`,
    dimensions,
    maxBatchSize: 1_000,
    async embed(texts) {
      return { embeddings: texts.map(embedText) };
    },
  };
}
