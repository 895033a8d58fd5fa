import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { characterLength } from './length.js';
import { splitAndPack, splitAndPackCharacters } from './recursive-chunker.js';
import { unicodeText } from './testing-arbitraries.js';

const sizes = fc
  .tuple(fc.integer({ min: 1, max: 80 }), fc.double({ min: 0, max: 0.6, noNaN: true }))
  .map(([chunkSize, ratio]) => ({ chunkSize, chunkOverlap: Math.floor(chunkSize * ratio) }));

// Default, self-overlapping ('\n\n', 'aa', '😀😀'), non-space ones an overlap may start on,
// multi-character and no final ''.
const separatorSets = fc.constantFrom<readonly string[]>(
  ['\n\n', '\n', ' ', ''],
  ['\n\n', '\n', ' '],
  ['. ', ' ', ''],
  ['aa', 'x', ''],
  ['\n', 'a', ' ', ''],
  ['x', 'a', ''],
  ['😀😀', '😀', ' '],
  ['\r\n\r\n', '\r\n', '\t', ' ', ''],
  [''],
);

// Texts rich in the separators above, so runs like '\n\n\n' and 'xxx' are common.
const separatorHeavyText = fc
  .array(
    fc.constantFrom('\n', '\n\n\n', ' ', 'aaa', 'x', '😀', '😀😀😀', '. ', 'word', '\r\n', '\t'),
    {
      maxLength: 200,
    },
  )
  .map((parts) => parts.join(''));

describe('splitAndPackCharacters (the recursive chunker fast path)', () => {
  it('gives exactly the chunks and warnings of splitAndPack with characterLength', () => {
    fc.assert(
      fc.property(
        fc.oneof(unicodeText, separatorHeavyText),
        sizes,
        separatorSets,
        (text, { chunkSize, chunkOverlap }, separators) => {
          const fast = splitAndPackCharacters({ text, chunkSize, chunkOverlap, separators });
          const general = splitAndPack({
            text,
            ranges: [{ start: 0, end: text.length }],
            chunkSize,
            chunkOverlap,
            length: characterLength,
            separators,
          });
          expect(fast.spans).toEqual(general.spans);
          expect(fast.warnings).toEqual(general.warnings);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('matches the general path on long text with a realistic chunk size', () => {
    const paragraph = (i: number) =>
      `${'word '.repeat(i % 37)}line ${i}\n${'x'.repeat((i * 53) % 1700)}\n\n`;
    const text = Array.from({ length: 300 }, (_, i) => paragraph(i)).join('\n');
    for (const chunkOverlap of [0, 200, 600]) {
      const options = { text, chunkSize: 1000, chunkOverlap, separators: ['\n\n', '\n', ' ', ''] };
      const general = splitAndPack({
        ...options,
        ranges: [{ start: 0, end: text.length }],
        length: characterLength,
      });
      expect(general.spans.length).toBeGreaterThan(100);
      expect(splitAndPackCharacters(options)).toEqual(general);
    }
  });
});
