import { getTokenizer, type Tokenizer } from '@weft/core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { unicodeText } from './testing-arbitraries.js';
import { coverageViolation, offsetViolation, sizeViolation } from './testing-invariants.js';
import { tokenChunker } from './token-chunker.js';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await getTokenizer({ encoding: 'o200k_base' });
});

describe('tokenChunker', () => {
  it('keeps exact offsets, coverage and token bounds on random Unicode text', () => {
    fc.assert(
      fc.property(
        unicodeText,
        fc.integer({ min: 1, max: 24 }),
        fc.double({ min: 0, max: 0.6, noNaN: true }),
        (text, chunkSize, ratio) => {
          const chunkOverlap = Math.floor(chunkSize * ratio);
          const chunker = tokenChunker({ tokenizer, chunkSize, chunkOverlap });
          const chunks = chunker.chunk(text);
          expect(offsetViolation(text, chunks)).toBeUndefined();
          expect(coverageViolation(text, chunks)).toBeUndefined();
          expect(
            sizeViolation(chunks, chunker.warnings, chunkSize, (t) => tokenizer.count(t)),
          ).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('makes windows of chunkSize tokens that share chunkOverlap tokens', async () => {
    const chunker = await tokenChunker.create({
      encoding: 'o200k_base',
      chunkSize: 20,
      chunkOverlap: 5,
    });
    const text = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    const chunks = chunker.chunk(text);
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks.slice(0, -1)) {
      expect(tokenizer.count(chunk.text)).toBeGreaterThanOrEqual(18);
      expect(tokenizer.count(chunk.text)).toBeLessThanOrEqual(20);
    }
    for (let i = 1; i < chunks.length; i++) {
      const shared = text.slice(chunks[i]?.start, chunks[i - 1]?.end).trim();
      expect(tokenizer.count(shared)).toBeGreaterThanOrEqual(4);
      expect(tokenizer.count(shared)).toBeLessThanOrEqual(5);
    }
    expect(chunker.warnings).toEqual([]);
  });

  it('never cuts inside a character that spans several tokens', () => {
    const text = '𝒳😀👩‍👩‍👧日本語'.repeat(5);
    const chunks = tokenChunker({ tokenizer, chunkSize: 1 }).chunk(text);
    expect(chunks.map((c) => c.text).join('')).toBe(text);
    expect(offsetViolation(text, chunks)).toBeUndefined();
  });

  it('reports a character that alone needs more tokens than chunkSize', () => {
    const wide = ['𝒳', '😀', '🜁', '𓀀'].find((c) => tokenizer.encode(c).length > 1) as string;
    const chunker = tokenChunker({ tokenizer, chunkSize: 1 });
    chunker.chunk(`a${wide}`);
    expect(chunker.warnings.some((w) => w.type === 'oversized-unit')).toBe(true);
  });

  it('refuses a missing tokenizer and bad sizes', () => {
    expect(() => tokenChunker({ tokenizer: {} as Tokenizer, chunkSize: 5 })).toThrow(/tokenizer/);
    expect(() => tokenChunker({ tokenizer, chunkSize: 5, chunkOverlap: 7 })).toThrow(
      /chunkOverlap/,
    );
  });
});
