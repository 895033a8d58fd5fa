import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScoredChunk } from '../types/index.js';
import { hybridRetriever } from './hybrid-retriever.js';
import { reciprocalRankFusion } from './reciprocal-rank-fusion.js';
import { chunkWithId, fixedRetriever, ids } from './testing-fixtures.js';

const ranking = (...chunkIds: string[]): ScoredChunk[] =>
  chunkIds.map((id, rank) => ({ chunk: chunkWithId(id), score: 1 / (rank + 1) }));

// Rankings over a small id alphabet, so that lists share ids and hold duplicates.
const rankingArb = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), { maxLength: 8 });

describe('reciprocalRankFusion', () => {
  it('scores sum(weight / (k + rank)) over the rankings', () => {
    const fused = reciprocalRankFusion(
      [{ results: ranking('a', 'b') }, { results: ranking('b', 'c'), weight: 2 }],
      { k: 60 },
    );
    expect(ids(fused)).toEqual(['b', 'c', 'a']);
    expect(fused[0]?.score).toBeCloseTo(1 / 62 + 2 / 61, 12);
    expect(fused[1]?.score).toBeCloseTo(2 / 62, 12);
    expect(fused[2]?.score).toBeCloseTo(1 / 61, 12);
  });

  it('is the same whatever the order of equally weighted rankings (property)', () => {
    fc.assert(
      fc.property(
        fc
          .array(rankingArb, { minLength: 1, maxLength: 5 })
          .chain((lists) =>
            fc.tuple(fc.constant(lists), fc.shuffledSubarray(lists, { minLength: lists.length })),
          ),
        fc.integer({ min: 0, max: 100 }),
        ([lists, shuffled], k) => {
          const fuse = (input: string[][]) =>
            reciprocalRankFusion(
              input.map((list) => ({ results: ranking(...list) })),
              { k },
            );
          const a = fuse(lists);
          const b = fuse(shuffled);
          expect(ids(b)).toEqual(ids(a));
          expect(b.map((r) => r.score)).toEqual(a.map((r) => r.score));
        },
      ),
    );
  });

  it('returns each id once, scores non-increasing, deterministic (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ list: rankingArb, weight: fc.double({ min: 0, max: 5, noNaN: true }) }),
          {
            maxLength: 5,
          },
        ),
        fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
        (lists, topK) => {
          const input = lists.map(({ list, weight }) => ({ results: ranking(...list), weight }));
          const fused = reciprocalRankFusion(input, { topK });
          const fusedIds = ids(fused);
          expect(new Set(fusedIds).size).toBe(fusedIds.length);
          const distinct = new Set(lists.flatMap(({ list }) => list));
          expect(fusedIds.length).toBe(Math.min(distinct.size, topK ?? distinct.size));
          for (let i = 1; i < fused.length; i++) {
            expect(fused[i - 1]?.score).toBeGreaterThanOrEqual(fused[i]?.score ?? 0);
          }
          expect(reciprocalRankFusion(input, { topK })).toEqual(fused);
        },
      ),
    );
  });

  it('breaks exact ties by the better single rank, then by id', () => {
    const fused = reciprocalRankFusion([
      { results: ranking('z', 'y') },
      { results: ranking('y', 'z') },
    ]);
    expect(ids(fused)).toEqual(['y', 'z']);
  });

  it('refuses a negative weight or k', () => {
    expect(() => reciprocalRankFusion([{ results: [], weight: -1 }])).toThrow(/weight must be/);
    expect(() => reciprocalRankFusion([], { k: -1 })).toThrow(/k must be/);
  });
});

describe('hybridRetriever', () => {
  it('fuses { vector, keyword } with fetchK candidates from each and passes filter and signal', async () => {
    const vector = fixedRetriever(ranking('a', 'b', 'c'));
    const keyword = fixedRetriever(ranking('c', 'd'));
    const retriever = hybridRetriever({ retrievers: { vector, keyword }, fetchK: 7 });
    const results = await retriever.retrieve('q', { topK: 2 });
    expect(ids(results)).toEqual(['c', 'a']);
    expect(vector.calls).toEqual([{ query: 'q', topK: 7 }]);
    expect(keyword.calls).toEqual([{ query: 'q', topK: 7 }]);
  });

  it('lets a heavier weight win', async () => {
    const retriever = hybridRetriever({
      retrievers: [
        { retriever: fixedRetriever(ranking('a', 'b')), weight: 1 },
        { retriever: fixedRetriever(ranking('b', 'a')), weight: 3 },
      ],
    });
    expect(ids(await retriever.retrieve('q'))).toEqual(['b', 'a']);
  });

  it('refuses no retrievers, a bad weight or a non-retriever at construction', () => {
    expect(() => hybridRetriever({ retrievers: [] })).toThrow(/at least one retriever/);
    expect(() =>
      hybridRetriever({ retrievers: [{ retriever: fixedRetriever([]), weight: Number.NaN }] }),
    ).toThrow(/weight must be/);
    expect(() => hybridRetriever({ retrievers: [{ retriever: {} as never }] })).toThrow(
      /retrieve\(\) method/,
    );
  });
});
