import { describe, expect, it } from 'vitest';
import { BM25Index } from '../bm25/index.js';
import type { Chunk } from '../types/index.js';
import { keywordRetriever } from './keyword-retriever.js';
import { ids, passageChunks, passageStore } from './testing-fixtures.js';

function indexOf(chunks: Chunk[]): BM25Index {
  const index = new BM25Index({ stemming: true, stopWords: true });
  index.add(chunks.map(({ id, text }) => ({ id, text })));
  return index;
}

describe('keywordRetriever', () => {
  const chunks = passageChunks();
  const byId = new Map(chunks.map((chunk) => [chunk.id, chunk]));

  it('maps BM25 hits back to the chunks of a Map, best first, with BM25 scores', async () => {
    const index = indexOf(chunks);
    const retriever = keywordRetriever({ index, chunks: byId });
    const results = await retriever.retrieve('stock market', { topK: 2 });
    expect(ids(results)).toEqual(['finance#0', 'mixed#0']);
    expect(results[0]?.chunk).toBe(byId.get('finance#0'));
    expect(results.map((result) => result.score)).toEqual(
      index.search('stock market', { topK: 2 }).map((hit) => hit.score),
    );
  });

  it('reads the chunks from a vector store, and from a loader function, with the same result', async () => {
    const index = indexOf(chunks);
    const fromStore = keywordRetriever({ index, chunks: await passageStore() });
    const fromLoader = keywordRetriever({
      index,
      chunks: async (wanted) => wanted.map((id) => byId.get(id) as Chunk),
    });
    const expected = await keywordRetriever({ index, chunks: byId }).retrieve('cat dog', {
      topK: 3,
    });
    expect(await fromStore.retrieve('cat dog', { topK: 3 })).toEqual(expected);
    expect(await fromLoader.retrieve('cat dog', { topK: 3 })).toEqual(expected);
  });

  it('filters on chunk metadata with every kind of source, still filling topK', async () => {
    const index = indexOf(chunks);
    const filter = { topic: { $in: ['misc', 'finance'] } };
    for (const source of [byId, await passageStore()]) {
      const results = await keywordRetriever({ index, chunks: source }).retrieve(
        'cats dogs stock',
        {
          topK: 2,
          filter,
        },
      );
      expect(ids(results)).toEqual(['mixed#0', 'finance#0']);
    }
  });

  it('widens the search when the filter rejects the best hits of a store', async () => {
    // 30 matching chunks in the wrong topic rank above the one that passes the filter.
    const many: Chunk[] = Array.from({ length: 30 }, (_, n) => ({
      ...passageChunks()[0],
      id: `noise-${n}`,
      text: 'cats cats cats cats',
      end: 19,
      metadata: { topic: 'noise' },
    })) as Chunk[];
    const all = [...many, ...chunks];
    const retriever = keywordRetriever({ index: indexOf(all), chunks: await passageStore(all) });
    const results = await retriever.retrieve('cats', { topK: 1, filter: { topic: 'pets' } });
    expect(ids(results)).toEqual(['pets#0']);
  });

  it('skips ids the source no longer holds (a stale index)', async () => {
    const index = indexOf(chunks);
    const partial = new Map([...byId].filter(([id]) => id !== 'finance#0'));
    const results = await keywordRetriever({ index, chunks: partial }).retrieve('stock', {
      topK: 2,
    });
    expect(ids(results)).toEqual(['mixed#0']);
  });

  it('refuses a source that is neither a Map, a function nor a store', () => {
    expect(() => keywordRetriever({ index: indexOf(chunks), chunks: {} as never })).toThrow(
      /chunks must have a get\(\) method/,
    );
  });
});
