import { mockEmbeddingModel } from '@weft/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { semanticChunker } from './semantic-chunker.js';
import { unicodeText } from './testing-arbitraries.js';
import { coverageViolation, offsetViolation, sizeViolation } from './testing-invariants.js';

// Sentences about the same topic (first word) get the same direction.
const topicModel = () =>
  mockEmbeddingModel({
    dimensions: 3,
    embedText: (text) => {
      const topic = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
      if (topic.startsWith('cat')) return Float32Array.of(1, 0, 0);
      if (topic.startsWith('car')) return Float32Array.of(0, 1, 0);
      return Float32Array.of(0, 0, 1);
    },
  });

describe('semanticChunker', () => {
  it('cuts where neighbouring sentences stop being similar', async () => {
    const text = 'Cats purr. Cats nap. Cars honk. Cars race. Cats again.';
    const chunks = await semanticChunker({ embeddingModel: topicModel(), threshold: 0.5 }).chunk(
      text,
    );
    expect(chunks.map((c) => c.text)).toEqual([
      'Cats purr. Cats nap.',
      'Cars honk. Cars race.',
      'Cats again.',
    ]);
    for (const chunk of chunks) expect(text.slice(chunk.start, chunk.end)).toBe(chunk.text);
  });

  it('cuts at the lowest similarities with a percentile', async () => {
    const text = 'Cats purr. Cats nap. Cats eat. Cars honk. Cars race.';
    const chunks = await semanticChunker({ embeddingModel: topicModel(), percentile: 20 }).chunk(
      text,
    );
    expect(chunks.map((c) => c.text)).toEqual([
      'Cats purr. Cats nap. Cats eat.',
      'Cars honk. Cars race.',
    ]);
  });

  it('keeps exact offsets, coverage and an optional size bound on random Unicode text', async () => {
    await fc.assert(
      fc.asyncProperty(unicodeText, fc.integer({ min: 1, max: 60 }), async (text, chunkSize) => {
        const chunker = semanticChunker({
          embeddingModel: mockEmbeddingModel(),
          percentile: 30,
          chunkSize,
        });
        const chunks = await chunker.chunk(text);
        expect(offsetViolation(text, chunks)).toBeUndefined();
        expect(coverageViolation(text, chunks)).toBeUndefined();
        expect(sizeViolation(chunks, chunker.warnings, chunkSize, (t) => t.length)).toBeUndefined();
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a missing model and contradictory options', () => {
    expect(() => semanticChunker({} as never)).toThrow(/embeddingModel/);
    expect(() =>
      semanticChunker({ embeddingModel: topicModel(), threshold: 0.5, percentile: 10 }),
    ).toThrow(/not both/);
  });
});
