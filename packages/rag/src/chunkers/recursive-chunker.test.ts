import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Document, LengthFunction } from '../types/index.js';
import { buildChunks } from './chunk-input.js';
import { characterLength } from './length.js';
import { packGenerally } from './pack-test-support.js';
import { defaultSeparators, recursiveChunker } from './recursive-chunker.js';
import { unicodeText } from './testing-arbitraries.js';
import {
  coverageViolation,
  offsetViolation,
  overlapViolation,
  sizeViolation,
} from './testing-invariants.js';

// A length that is not additive and not the identity: code points, with emoji counting 3.
const weightedLength: LengthFunction = (text) => {
  let total = 0;
  for (const character of text) total += character.length === 2 ? 3 : 1;
  return total;
};

const sizes = fc
  .tuple(fc.integer({ min: 1, max: 80 }), fc.double({ min: 0, max: 0.6, noNaN: true }))
  .map(([chunkSize, ratio]) => ({ chunkSize, chunkOverlap: Math.floor(chunkSize * ratio) }));

describe('recursiveChunker', () => {
  for (const [name, length] of [
    ['characters', characterLength],
    ['a non-additive length', weightedLength],
  ] as const) {
    it(`keeps exact offsets, coverage, size bounds and overlap on random Unicode text (${name})`, () => {
      fc.assert(
        fc.property(unicodeText, sizes, (text, { chunkSize, chunkOverlap }) => {
          const chunker = recursiveChunker({ chunkSize, chunkOverlap, length });
          const chunks = chunker.chunk(text);
          expect(offsetViolation(text, chunks)).toBeUndefined();
          expect(coverageViolation(text, chunks)).toBeUndefined();
          expect(sizeViolation(chunks, chunker.warnings, chunkSize, length)).toBeUndefined();
          expect(
            overlapViolation(text, chunks, chunker.warnings, chunkOverlap, length),
          ).toBeUndefined();
        }),
        { numRuns: 400 },
      );
    });
  }

  it('returns no chunks for empty or blank text', () => {
    const chunker = recursiveChunker({ chunkSize: 10 });
    expect(chunker.chunk('')).toEqual([]);
    expect(chunker.chunk(' \r\n\t ')).toEqual([]);
  });

  it('cuts at paragraphs before lines and words, and carries the document metadata', () => {
    const text = 'First paragraph here.\n\nSecond one is here.\nWith a second line.';
    const chunks = recursiveChunker({ chunkSize: 45 }).chunk({
      id: 'doc',
      text,
      metadata: { source: 'a.md' },
    });
    expect(chunks.map((c) => c.text)).toEqual([
      'First paragraph here.',
      'Second one is here.\nWith a second line.',
    ]);
    expect(chunks[1]).toMatchObject({ id: 'doc#1', documentId: 'doc', index: 1, start: 23 });
    expect(chunks[1]?.metadata).toEqual({ source: 'a.md' });
  });

  it('overlaps neighbours by about chunkOverlap, cut at a word', () => {
    const text = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const chunker = recursiveChunker({ chunkSize: 100, chunkOverlap: 30 });
    const chunks = chunker.chunk(text);
    expect(chunks.length).toBeGreaterThan(3);
    for (let i = 1; i < chunks.length; i++) {
      const shared = (chunks[i - 1]?.end ?? 0) - (chunks[i]?.start ?? 0);
      expect(shared).toBeGreaterThanOrEqual(15);
      expect(shared).toBeLessThanOrEqual(30);
      expect(text[(chunks[i]?.start ?? 1) - 1]).toBe(' ');
    }
    expect(chunker.warnings).toEqual([]);
  });

  it('keeps a run with no separator whole and reports it when "" is not a separator', () => {
    const chunker = recursiveChunker({ chunkSize: 5, separators: [' '] });
    const chunks = chunker.chunk('ab abcdefgh cd');
    expect(chunks.map((c) => c.text)).toEqual(['ab', 'abcdefgh', 'cd']);
    expect(chunker.warnings).toEqual([
      expect.objectContaining({ type: 'oversized-unit', chunkIndex: 1 }),
    ]);
  });

  it('never cuts an emoji in half, reporting one that alone exceeds chunkSize 1', () => {
    const chunker = recursiveChunker({ chunkSize: 1 });
    const chunks = chunker.chunk('a😀b');
    expect(chunks.map((c) => c.text)).toEqual(['a', '😀', 'b']);
    expect(chunker.warnings.map((w) => w.type)).toEqual(['oversized-unit']);
  });

  it('reports an overlap it cannot honour', () => {
    const chunker = recursiveChunker({ chunkSize: 10, chunkOverlap: 4, separators: [' '] });
    chunker.chunk('aaaaaaaaa bbbbbbbbb ccccccccc');
    expect(chunker.warnings.some((w) => w.type === 'overlap-reduced')).toBe(true);
  });

  /** Chunks `document` with characterLength and checks the result against the general path. */
  function chunkAsGeneralPath(document: Document, chunkSize: number, chunkOverlap: number) {
    const chunker = recursiveChunker({ chunkSize, chunkOverlap });
    const chunks = chunker.chunk(document);
    const { text } = document;
    const general = packGenerally({ text, chunkSize, chunkOverlap, separators: defaultSeparators });
    expect(chunks).toEqual(buildChunks(document, general.spans));
    expect(chunker.warnings).toEqual(general.warnings);
    return chunks;
  }

  it('builds the chunks of the general path on a document of more than a thousand chunks', () => {
    // The character path gathers ranges in a typed array before making chunk objects.
    const paragraph = (i: number) =>
      `${'word '.repeat((i * 7) % 23)}line ${i}\n${'x'.repeat((i * 13) % 90)} end\n\n`;
    const text = Array.from({ length: 900 }, (_, i) => paragraph(i)).join('');
    const document = { id: 'long', text, metadata: { source: 'long.md', page: 3 } };
    const chunks = chunkAsGeneralPath(document, 60, 15);
    expect(chunks.length).toBeGreaterThan(1000);
    // Each chunk gets its own copy of the metadata.
    expect(chunks[0]?.metadata).not.toBe(chunks[1]?.metadata);
  });

  it('grows its range buffer when chunks are much shorter than chunkSize - chunkOverlap', () => {
    // The buffer is sized for chunks advancing by about a window; lines of 34 characters
    // against a size of 60 make one chunk per line, almost twice that many.
    const text = `${'y'.repeat(33)}\n`.repeat(3000);
    const chunks = chunkAsGeneralPath({ id: 'text', text, metadata: {} }, 60, 0);
    expect(chunks).toHaveLength(3000);
    // Without document metadata, each chunk still gets an object of its own.
    expect(chunks[0]?.metadata).toEqual({});
    expect(chunks[0]?.metadata).not.toBe(chunks[1]?.metadata);
  });

  it('refuses bad options with a ValidationError', () => {
    expect(() => recursiveChunker({ chunkSize: 0 })).toThrow(/chunkSize/);
    expect(() => recursiveChunker({ chunkSize: 10, chunkOverlap: 10 })).toThrow(/chunkOverlap/);
    expect(() => recursiveChunker({ chunkSize: 10, separators: ['', ' '] })).toThrow(/last/);
    expect(() => recursiveChunker({ chunkSize: 10, separators: ['\ud800'] })).toThrow(/surrogate/);
  });
});
