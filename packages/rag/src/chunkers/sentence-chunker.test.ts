import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segmentWithPunctuation } from './segment-sentences.js';
import { sentenceChunker } from './sentence-chunker.js';
import { unicodeText } from './testing-arbitraries.js';
import {
  coverageViolation,
  offsetViolation,
  overlapViolation,
  sizeViolation,
} from './testing-invariants.js';

const length = (text: string) => text.length;

describe('sentenceChunker', () => {
  it('keeps exact offsets, coverage, size bounds and overlap on random Unicode text', () => {
    fc.assert(
      fc.property(
        unicodeText,
        fc.integer({ min: 1, max: 80 }),
        fc.double({ min: 0, max: 0.6, noNaN: true }),
        (text, chunkSize, ratio) => {
          const chunkOverlap = Math.floor(chunkSize * ratio);
          const chunker = sentenceChunker({ chunkSize, chunkOverlap });
          const chunks = chunker.chunk(text);
          expect(offsetViolation(text, chunks)).toBeUndefined();
          expect(coverageViolation(text, chunks)).toBeUndefined();
          expect(sizeViolation(chunks, chunker.warnings, chunkSize, length)).toBeUndefined();
          expect(
            overlapViolation(text, chunks, chunker.warnings, chunkOverlap, length),
          ).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('packs whole sentences up to chunkSize', () => {
    const text = 'One is here. Two is here! Three is here? Four.';
    const chunks = sentenceChunker({ chunkSize: 26 }).chunk(text);
    expect(chunks.map((c) => c.text)).toEqual([
      'One is here. Two is here!',
      'Three is here? Four.',
    ]);
  });

  it('overlaps by whole sentences when they fit', () => {
    const text = 'Alpha beta. Gamma delta. Epsilon zeta. Eta theta. Iota kappa.';
    const chunks = sentenceChunker({ chunkSize: 30, chunkOverlap: 14 }).chunk(text);
    expect(chunks.map((c) => c.text)).toEqual([
      'Alpha beta. Gamma delta.',
      'Gamma delta. Epsilon zeta.',
      'Epsilon zeta. Eta theta.',
      'Eta theta. Iota kappa.',
    ]);
  });

  it('segments with punctuation where Intl.Segmenter is missing, tiling the text', () => {
    const text = 'Hi there. “Quoted!” Next?\n\nPara 日本語。終わり';
    const ranges = segmentWithPunctuation(text, 0);
    expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual([
      'Hi there. ',
      '“Quoted!” ',
      'Next?\n\n',
      'Para 日本語。',
      '終わり',
    ]);
  });
});
