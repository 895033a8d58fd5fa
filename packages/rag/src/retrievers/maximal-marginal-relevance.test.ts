import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Chunk } from '../types/index.js';
import { maximalMarginalRelevance } from './maximal-marginal-relevance.js';
import { mmrRetriever } from './mmr-retriever.js';
import { ids, passageChunks, passageStore, topicEmbeddingModel } from './testing-fixtures.js';
import { vectorRetriever } from './vector-retriever.js';

const vectorArb = fc
  .array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 })
  .filter((values) => values.some((value) => Math.abs(value) > 1e-3))
  .map((values) => Float32Array.from(values));

describe('maximalMarginalRelevance', () => {
  it('with lambda = 1 picks the candidates in their order by score (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ score: fc.double({ min: -1, max: 1, noNaN: true }), vector: vectorArb }),
          {
            maxLength: 15,
          },
        ),
        fc.integer({ min: 1, max: 20 }),
        (raw, topK) => {
          const candidates = [...raw].sort((a, b) => b.score - a.score);
          const picked = maximalMarginalRelevance(candidates, { lambda: 1, topK });
          expect(picked).toEqual(
            Array.from({ length: Math.min(topK, candidates.length) }, (_, i) => i),
          );
        },
      ),
    );
  });

  it('picks each candidate at most once (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ score: fc.double({ min: -1, max: 1, noNaN: true }), vector: vectorArb }),
          {
            maxLength: 12,
          },
        ),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (candidates, lambda) => {
          const picked = maximalMarginalRelevance(candidates, { lambda, topK: 20 });
          expect([...picked].sort((a, b) => a - b)).toEqual(candidates.map((_, i) => i));
        },
      ),
    );
  });

  it('prefers a different candidate over a near duplicate of the first pick', () => {
    const candidates = [
      { score: 0.95, vector: Float32Array.from([1, 0]) },
      { score: 0.94, vector: Float32Array.from([1, 0.01]) },
      { score: 0.6, vector: Float32Array.from([0, 1]) },
    ];
    expect(maximalMarginalRelevance(candidates, { lambda: 0.5, topK: 2 })).toEqual([0, 2]);
    expect(maximalMarginalRelevance(candidates, { lambda: 1, topK: 2 })).toEqual([0, 1]);
  });
});

describe('mmrRetriever', () => {
  it('with lambda = 1 returns what vectorRetriever returns', async () => {
    const store = await passageStore();
    const embeddingModel = topicEmbeddingModel();
    const mmr = mmrRetriever({ store, embeddingModel, lambda: 1, fetchK: 5 });
    const plain = vectorRetriever({ store, embeddingModel });
    for (const query of ['cats', 'stock and dogs', 'rocket']) {
      expect(await mmr.retrieve(query, { topK: 3 })).toEqual(
        await plain.retrieve(query, { topK: 3 }),
      );
    }
  });

  it('diversifies: skips an exact duplicate of the first pick that plain similarity keeps', async () => {
    const chunks = passageChunks();
    const copy = { ...(chunks[0] as Chunk), id: 'pets-copy#0', documentId: 'pets-copy' };
    const store = await passageStore([...chunks, copy]);
    const embeddingModel = topicEmbeddingModel();
    const plain = await vectorRetriever({ store, embeddingModel }).retrieve('cats', { topK: 2 });
    expect(ids(plain).sort()).toEqual(['pets#0', 'pets-copy#0']);
    const retriever = mmrRetriever({ store, embeddingModel, lambda: 0.3 });
    const results = await retriever.retrieve('cats', { topK: 2 });
    expect(ids(results)[0]).toBe(ids(plain)[0]);
    expect(ids(results)[1]).not.toBe(ids(plain)[1]);
  });

  it('refuses a lambda outside [0, 1]', async () => {
    const store = await passageStore();
    expect(() => mmrRetriever({ store, embeddingModel: topicEmbeddingModel(), lambda: 2 })).toThrow(
      /lambda must be a number between 0 and 1/,
    );
  });

  it('says so when the store returns no vectors', async () => {
    const store = await passageStore();
    const withoutVectors = Object.assign(Object.create(store), {
      query: async (query: Parameters<typeof store.query>[0]) =>
        (await store.query(query)).map(({ vector: _vector, ...rest }) => rest),
    });
    const retriever = mmrRetriever({
      store: withoutVectors,
      embeddingModel: topicEmbeddingModel(),
    });
    await expect(retriever.retrieve('cats')).rejects.toThrow(
      /without one although the query set includeVectors/,
    );
  });
});
