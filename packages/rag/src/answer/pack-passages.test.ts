import { getTokenizer } from '@weft/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unicodeText } from '../chunkers/testing-arbitraries.js';
import type { Chunk, ScoredChunk } from '../types/index.js';
import { wordCutPoints } from './cut-points.js';
import { packPassages, renderPassage } from './pack-passages.js';

const characters = (text: string) => text.length;

function chunkOf(documentText: string, start: number, end: number, id: string): ScoredChunk {
  const chunk: Chunk = {
    id,
    documentId: 'doc',
    index: 0,
    text: documentText.slice(start, end),
    start,
    end,
    metadata: { source: 'doc.md' },
  };
  return { chunk, score: 1 };
}

describe('packPassages', () => {
  it('keeps chunks that fit whole, numbered in the order given', () => {
    const text = 'alpha beta gamma. delta epsilon.';
    const chunks = [chunkOf(text, 18, 32, 'b'), chunkOf(text, 0, 17, 'a')];
    const packed = packPassages({ chunks, maxTokens: 1000, count: characters });

    expect(packed.passages.map((p) => [p.number, p.chunk.id, p.truncated])).toEqual([
      [1, 'b', false],
      [2, 'a', false],
    ]);
    expect(packed.context).toBe('[1] doc.md\ndelta epsilon.\n\n[2] doc.md\nalpha beta gamma.');
    expect(packed.warnings).toEqual([]);
  });

  it('cuts the first chunk that does not fit at a word boundary and narrows its offsets', () => {
    const text = `intro ${'word '.repeat(40)}end`;
    const chunks = [chunkOf(text, 6, text.length, 'long')];
    const packed = packPassages({ chunks, maxTokens: 60, count: characters });

    const [passage] = packed.passages;
    expect(passage?.truncated).toBe(true);
    expect(passage?.chunk.text).toBe(`${'word '.repeat(9)}word`);
    expect(passage?.chunk.start).toBe(6);
    expect(text.slice(passage?.chunk.start, passage?.chunk.end)).toBe(passage?.chunk.text);
    expect(packed.context.length).toBeLessThanOrEqual(60);
    expect(packed.warnings.map((w) => w.type)).toEqual(['passage-truncated']);
  });

  it('drops a chunk too big for what is left, and still takes a smaller one after it', () => {
    const text = `${'a'.repeat(50)} ${'b '.repeat(200)}short one`;
    const chunks = [
      chunkOf(text, 0, 50, 'first'),
      chunkOf(text, 51, text.length - 10, 'huge'),
      chunkOf(text, text.length - 9, text.length, 'small'),
    ];
    // 61 characters for the first passage leave 29: too few for a useful cut of "huge".
    const packed = packPassages({ chunks, maxTokens: 90, count: characters });

    expect(packed.passages.map((p) => p.chunk.id)).toEqual(['first', 'small']);
    expect(packed.passages[1]?.number).toBe(2);
    expect(packed.warnings.map((w) => w.type)).toEqual(['passages-dropped']);
  });

  it('keeps each chunk id once', () => {
    const text = 'same chunk twice';
    const chunks = [chunkOf(text, 0, 16, 'x'), chunkOf(text, 0, 16, 'x')];
    expect(packPassages({ chunks, maxTokens: 100, count: characters }).passages).toHaveLength(1);
  });

  it('never exceeds the token budget, and every passage is an exact slice of its document', async () => {
    const tokenizer = await getTokenizer({ encoding: 'o200k_base' });
    const count = (text: string) => tokenizer.count(text);
    fc.assert(
      fc.property(
        fc.array(unicodeText, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 400 }),
        (texts, maxTokens) => {
          const documentText = texts.join('\n\n');
          let offset = 0;
          const chunks = texts.map((piece, index) => {
            const hit = chunkOf(documentText, offset, offset + piece.length, `c${index}`);
            offset += piece.length + 2;
            return hit;
          });
          const packed = packPassages({ chunks, maxTokens, count });

          expect(count(packed.context)).toBeLessThanOrEqual(maxTokens);
          expect(packed.context).toBe(
            packed.passages.map((p) => renderPassage(p.number, p.chunk)).join('\n\n'),
          );
          packed.passages.forEach((passage, index) => {
            const { chunk } = passage;
            expect(passage.number).toBe(index + 1);
            expect(documentText.slice(chunk.start, chunk.end)).toBe(chunk.text);
            const original = chunks.find((hit) => hit.chunk.id === chunk.id)?.chunk as Chunk;
            expect(chunk.start).toBe(original.start);
            if (passage.truncated) {
              expect(wordCutPoints(original.text)).toContain(chunk.text.length);
            } else {
              expect(chunk.text).toBe(original.text);
            }
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
