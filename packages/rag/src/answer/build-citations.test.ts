import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCitations } from './build-citations.js';
import { findCitationMarkers } from './citation-markers.js';
import { documentOf, wholeChunks } from './test-fixtures.js';
import type { Passage } from './types.js';

function passagesOf(order: number[]): Passage[] {
  return wholeChunks(order).map(({ chunk, score }, index) => ({
    number: index + 1,
    chunk,
    score,
    truncated: false,
    tokens: 0,
  }));
}

describe('findCitationMarkers', () => {
  it('reads single numbers, lists, ranges and adjacent markers', () => {
    const markers = findCitationMarkers('A [1]. B [2, 3]. C [4-6][7]. Not [a] nor [].');
    expect(markers.map((marker) => marker.numbers)).toEqual([[1], [2, 3], [4, 5, 6], [7]]);
    expect(markers[0]).toMatchObject({ start: 2, end: 5 });
  });

  it('caps absurd ranges instead of expanding them', () => {
    const [marker] = findCitationMarkers('see [1-999999]');
    expect(marker?.numbers.length).toBe(101);
  });
});

describe('buildCitations', () => {
  it('maps markers to passages in order of first use, one citation per passage', () => {
    const passages = passagesOf([0, 1, 2]);
    const text =
      'The store keeps vectors in a Float32Array [3]. Chunks record their offsets [2][3]. BM25 uses k1 [1] and [3].';
    const { citations, warnings } = buildCitations(text, passages);

    expect(citations.map((c) => [c.passage, c.chunkId])).toEqual([
      [3, passages[2]?.chunk.id],
      [2, passages[1]?.chunk.id],
      [1, passages[0]?.chunk.id],
    ]);
    expect(citations.map((c) => c.source)).toEqual([
      'docs/stores.md',
      'docs/chunking.md',
      'docs/bm25.md',
    ]);
    expect(warnings).toEqual([]);
  });

  it('quotes the sentence of the passage closest to the statement, with exact offsets', () => {
    const passages = passagesOf([0, 1]);
    const text =
      'The k1 parameter controls how quickly term frequency saturates [1]. Chunks record start and end offsets in the source text [2].';
    const { citations } = buildCitations(text, passages);

    expect(citations[0]?.quote).toBe(
      'Its k1 parameter controls how fast term frequency saturates.',
    );
    expect(citations[1]?.quote).toBe(
      'Every chunk records its start and end offsets in the source text.',
    );
    for (const citation of citations) {
      expect(documentOf(citation).text.slice(citation.start, citation.end)).toBe(citation.quote);
    }
  });

  it('uses the sentence before a marker that stands alone', () => {
    const passages = passagesOf([0]);
    const { citations } = buildCitations('Length normalization is set by b. [1]', passages);
    expect(citations[0]?.quote).toBe('The b parameter controls length normalization.');
  });

  it('quotes the whole passage when no sentence shares a word with the statement', () => {
    const passages = passagesOf([2]);
    const { citations } = buildCitations('Yes [1].', passages);
    expect(citations[0]?.quote).toBe(passages[0]?.chunk.text);
    expect(citations[0]?.start).toBe(passages[0]?.chunk.start);
  });

  it('drops numbers that name no passage, with a warning', () => {
    const passages = passagesOf([0, 1]);
    const { citations, warnings } = buildCitations('BM25 [1]. Something [7][0].', passages);

    expect(citations.map((c) => c.passage)).toEqual([1]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.type).toBe('unknown-citation');
    expect(warnings[0]?.message).toContain('[0], [7]');
  });

  it('gives exact quotes for any answer text', () => {
    const passages = passagesOf([1, 0, 2]);
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom('[1]', '[2]', '[3]', '[1, 2]', '. ', 'chunk', 'BM25'),
          ),
          {
            maxLength: 20,
          },
        ),
        (pieces) => {
          const { citations } = buildCitations(pieces.join(''), passages);
          for (const citation of citations) {
            expect(documentOf(citation).text.slice(citation.start, citation.end)).toBe(
              citation.quote,
            );
            expect(citation.quote.length).toBeGreaterThan(0);
          }
        },
      ),
    );
  });
});
