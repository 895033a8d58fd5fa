import { ValidationError } from '@weft/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BM25Index, type BM25IndexOptions, type BM25Result } from './bm25-index.js';
import { createTextAnalyzer } from './tokenizer.js';

const vocabulary = [
  'the',
  'cat',
  'cats',
  'running',
  'runs',
  'dog',
  'of',
  'über',
  'naïve',
  '日本語',
  'x1',
  'protein',
  'proteins',
  'gene',
  'is',
];

interface Corpus {
  documents: Array<{ id: string; text: string }>;
  queries: string[];
  options: Required<Pick<BM25IndexOptions, 'k1' | 'b' | 'stopWords' | 'stemming'>>;
}

const text = fc
  .array(fc.constantFrom(...vocabulary), { maxLength: 12 })
  .map((words) => words.join(' '));

const corpusArbitrary: fc.Arbitrary<Corpus> = fc.record({
  documents: fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), text }), {
    selector: (document) => document.id,
    maxLength: 25,
  }),
  queries: fc.array(text, { minLength: 1, maxLength: 4 }),
  options: fc.record({
    k1: fc.double({ min: 0, max: 3, noNaN: true }),
    b: fc.double({ min: 0, max: 1, noNaN: true }),
    stopWords: fc.boolean(),
    stemming: fc.boolean(),
  }),
});

/** BM25 written out from its definition, in float64, scoring every document. */
function referenceSearch(corpus: Corpus, query: string): BM25Result[] {
  const { k1, b } = corpus.options;
  const analyze = createTextAnalyzer(corpus.options);
  const documents = corpus.documents.map(({ id, text }) => ({ id, terms: analyze(text) }));
  const averageLength =
    documents.reduce((sum, document) => sum + document.terms.length, 0) / documents.length || 1;
  const results: BM25Result[] = [];
  for (const document of documents) {
    let score = 0;
    for (const term of analyze(query)) {
      const documentFrequency = documents.filter((other) => other.terms.includes(term)).length;
      const frequency = document.terms.filter((other) => other === term).length;
      if (frequency === 0) continue;
      const idf = Math.log(
        1 + (documents.length - documentFrequency + 0.5) / (documentFrequency + 0.5),
      );
      const norm = k1 * (1 - b + (b * document.terms.length) / averageLength);
      score += (idf * frequency * (k1 + 1)) / (frequency + norm);
    }
    if (score > 0) results.push({ id: document.id, score });
  }
  return results.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

function expectMatchesReference(actual: BM25Result[], expected: BM25Result[], topK: number) {
  expect(actual.length).toBe(Math.min(topK, expected.length));
  const referenceScores = new Map(expected.map((result) => [result.id, result.score]));
  actual.forEach((result, rank) => {
    const tolerance = 1e-5 * Math.max(1, result.score);
    // The hit is a document the reference scores the same...
    expect(Math.abs((referenceScores.get(result.id) ?? Number.NaN) - result.score)).toBeLessThan(
      tolerance,
    );
    // ...and it sits at a rank with that score (ties and float32 rounding aside).
    expect(Math.abs((expected[rank] as BM25Result).score - result.score)).toBeLessThan(tolerance);
  });
  for (let rank = 1; rank < actual.length; rank++) {
    const previous = actual[rank - 1] as BM25Result;
    const current = actual[rank] as BM25Result;
    expect(
      previous.score > current.score ||
        (previous.score === current.score && previous.id < current.id),
    ).toBe(true);
  }
}

function build(corpus: Corpus): BM25Index {
  const index = new BM25Index(corpus.options);
  index.add(corpus.documents);
  return index;
}

describe('BM25Index', () => {
  it('scores like a naive BM25 written from the definition, on random corpora', () => {
    fc.assert(
      fc.property(corpusArbitrary, fc.integer({ min: 1, max: 30 }), (corpus, topK) => {
        const index = build(corpus);
        for (const query of corpus.queries) {
          expectMatchesReference(
            index.search(query, { topK }),
            referenceSearch(corpus, query),
            topK,
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives identical results after toJSON / fromJSON (object or text)', () => {
    fc.assert(
      fc.property(corpusArbitrary, (corpus) => {
        const index = build(corpus);
        const fromObject = BM25Index.fromJSON(index.toJSON());
        const fromText = BM25Index.fromJSON(JSON.stringify(index));
        expect(fromObject.size).toBe(index.size);
        for (const query of corpus.queries) {
          const expected = index.search(query, { topK: 50 });
          expect(fromObject.search(query, { topK: 50 })).toEqual(expected);
          expect(fromText.search(query, { topK: 50 })).toEqual(expected);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('after removing some documents, searches like an index built without them; re-adding restores it', () => {
    fc.assert(
      fc.property(corpusArbitrary, fc.array(fc.boolean(), { maxLength: 25 }), (corpus, drops) => {
        const removedIds = corpus.documents.filter((_, i) => drops[i]).map((d) => d.id);
        const kept = { ...corpus, documents: corpus.documents.filter((_, i) => !drops[i]) };
        const index = build(corpus);
        expect(index.remove([...removedIds, 'not-there'])).toBe(removedIds.length);
        const fresh = build(kept);
        expect(index.size).toBe(kept.documents.length);
        for (const query of corpus.queries) {
          expect(index.search(query, { topK: 50 })).toEqual(fresh.search(query, { topK: 50 }));
          expect(BM25Index.fromJSON(index.toJSON()).search(query, { topK: 50 })).toEqual(
            fresh.search(query, { topK: 50 }),
          );
        }
        index.add(corpus.documents.filter((_, i) => drops[i]));
        const whole = build(corpus);
        for (const query of corpus.queries) {
          expect(index.search(query, { topK: 50 })).toEqual(whole.search(query, { topK: 50 }));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('keeps results consistent through compaction after many removals', () => {
    const documents = Array.from({ length: 200 }, (_, i) => ({
      id: `doc-${i}`,
      text: `${vocabulary[i % vocabulary.length]} ${vocabulary[(i * 7) % vocabulary.length]} item${i % 13}`,
    }));
    const index = new BM25Index();
    index.add(documents);
    const removed = documents.filter((_, i) => i % 3 !== 0);
    index.remove(removed.map((document) => document.id));
    const fresh = new BM25Index();
    fresh.add(documents.filter((_, i) => i % 3 === 0));
    for (const query of ['cat item3', 'gene proteins', 'item0 item12 dog']) {
      expect(index.search(query, { topK: 20 })).toEqual(fresh.search(query, { topK: 20 }));
    }
    // Compaction dropped the terms only removed documents had.
    expect(new Set(index.toJSON().terms)).toEqual(new Set(fresh.toJSON().terms));
    index.add(removed);
    expect(index.size).toBe(200);
    expect(
      index
        .search('item5', { topK: 200 })
        .map((result) => result.id)
        .sort(),
    ).toEqual(
      documents
        .filter((_, i) => i % 13 === 5)
        .map((document) => document.id)
        .sort(),
    );
  });

  it('breaks ties by id, whatever order the documents were added in', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 12 }),
        fc.integer({ min: 1, max: 12 }),
        (ids, topK) => {
          const forward = new BM25Index();
          forward.add(ids.map((id) => ({ id, text: 'same words here' })));
          const backward = new BM25Index();
          backward.add([...ids].reverse().map((id) => ({ id, text: 'same words here' })));
          const expected = [...ids].sort((a, b) => (a < b ? -1 : 1)).slice(0, topK);
          expect(forward.search('words', { topK }).map((result) => result.id)).toEqual(expected);
          expect(backward.search('words', { topK })).toEqual(forward.search('words', { topK }));
        },
      ),
    );
  });

  it('replaces a document when its id is added again', () => {
    const index = new BM25Index();
    index.add([
      { id: 'a', text: 'old text about cats' },
      { id: 'b', text: 'dogs' },
    ]);
    index.add([{ id: 'a', text: 'new text about birds' }]);
    expect(index.size).toBe(2);
    expect(index.search('cats')).toEqual([]);
    expect(index.search('birds').map((result) => result.id)).toEqual(['a']);
  });

  it('keeps only the ids the filter accepts', () => {
    const index = new BM25Index();
    index.add([
      { id: 'a', text: 'cat' },
      { id: 'b', text: 'cat cat' },
      { id: 'c', text: 'cat dog' },
    ]);
    const hits = index.search('cat', { topK: 5, filter: (id) => id !== 'b' });
    expect(hits.map((hit) => hit.id).sort()).toEqual(['a', 'c']);
  });

  it('still searches correctly after a filter that threw or searched the index itself', () => {
    const index = new BM25Index();
    index.add([
      { id: 'a', text: 'cat' },
      { id: 'b', text: 'cat cat dog' },
      { id: 'c', text: 'dog' },
    ]);
    const expected = index.search('cat dog');
    expect(() =>
      index.search('cat', {
        filter: () => {
          throw new Error('filter failed');
        },
      }),
    ).toThrow('filter failed');
    const nested = index.search('cat dog', { filter: (id) => index.search(id).length === 0 });
    expect(nested.map((hit) => hit.id).sort()).toEqual(['a', 'b', 'c']);
    expect(index.search('cat dog')).toEqual(expected);
  });

  it('finds stemmed forms and ignores stop words when asked to', () => {
    const index = new BM25Index({ stopWords: true, stemming: true });
    index.add([
      { id: 'a', text: 'The protein folding of enzymes' },
      { id: 'b', text: 'The weather of the day' },
    ]);
    expect(index.search('proteins folded').map((hit) => hit.id)).toEqual(['a']);
    expect(index.search('the of')).toEqual([]);
  });

  it('returns nothing for an empty index or a query without terms', () => {
    const index = new BM25Index();
    expect(index.search('anything')).toEqual([]);
    index.add([{ id: 'a', text: 'something' }]);
    expect(index.search('  !! ')).toEqual([]);
  });

  it('refuses bad input with a ValidationError and changes nothing', () => {
    const index = new BM25Index();
    index.add([{ id: 'a', text: 'cat' }]);
    const bad: unknown[] = [
      [
        { id: 'b', text: 'dog' },
        { id: 'b', text: 'bird' },
      ],
      [
        { id: 'c', text: 'dog' },
        { id: '', text: 'x' },
      ],
      [
        { id: 'd', text: 'dog' },
        { id: 'e', text: 5 },
      ],
      [{ id: 'f', text: 'dog' }, null],
      'not an array',
    ];
    for (const documents of bad) {
      expect(() => index.add(documents as never)).toThrow(ValidationError);
    }
    expect(index.size).toBe(1);
    expect(index.search('dog')).toEqual([]);
    expect(() => index.search('cat', { topK: 0 })).toThrow(/topK must be a positive integer/);
    expect(() => index.search('cat', { topK: 1.5 })).toThrow(ValidationError);
    expect(() => new BM25Index({ k1: -1 })).toThrow(/k1/);
    expect(() => new BM25Index({ b: 2 })).toThrow(/b must be/);
    expect(() => new BM25Index({ b: Number.NaN })).toThrow(ValidationError);
  });

  it('reports a tokenizer that returns something other than strings', () => {
    const index = new BM25Index({ tokenizer: () => [1 as unknown as string] });
    expect(() => index.add([{ id: 'a', text: 'x' }])).toThrow(/array of strings/);
    expect(index.size).toBe(0);
  });
});
