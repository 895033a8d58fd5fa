import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packGenerally } from './pack-test-support.js';
import { splitAndPackCharacters, splitAndPackCharactersEagerly } from './recursive-chunker.js';
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
  ['xax', 'x', ' ', ''],
  ['😀😀', '😀', ' '],
  ['\r\n\r\n', '\r\n', '\t', ' ', ''],
  [''],
);

// Texts rich in the separators above, so runs like '\n\n\n' and 'xxx' are common.
const separatorHeavyText = fc
  .array(
    fc.constantFrom(
      '\n',
      '\n\n\n',
      ' ',
      'aaa',
      'x',
      'xaxax',
      '😀',
      '😀😀😀',
      '. ',
      'word',
      '\r\n',
      '\t',
    ),
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
          const options = { text, chunkSize, chunkOverlap, separators };
          const lazy = splitAndPackCharacters(options);
          const eager = splitAndPackCharactersEagerly(options);
          const general = packGenerally(options);
          expect(eager.spans).toEqual(general.spans);
          expect(eager.warnings).toEqual(general.warnings);
          expect(lazy.spans).toEqual(general.spans);
          expect(lazy.warnings).toEqual(general.warnings);
        },
      ),
      { numRuns: 3000 },
    );
  });

  // The overlap search starts one character after the previous chunk's start. Starting it
  // at the start itself finds "a unit start" there and blames the next unit's size; the
  // random cases catch that only now and then, these every time.
  it.each([
    {
      text: '. word',
      chunkSize: 4,
      chunkOverlap: 1,
      separators: ['\n\n', '\n', ' ', ''],
      spans: [
        { start: 0, end: 1 },
        { start: 2, end: 6 },
      ],
      reason: 'no boundary',
    },
    {
      text: 'aaa😀😀😀',
      chunkSize: 6,
      chunkOverlap: 3,
      separators: ['😀😀', '😀', ' '],
      spans: [
        { start: 0, end: 3 },
        { start: 3, end: 9 },
      ],
      reason: 'no boundary',
    },
    {
      text: '😀😀😀😀😀😀😀😀😀',
      chunkSize: 7,
      chunkOverlap: 4,
      separators: ['😀😀', '😀', ' '],
      spans: [
        { start: 0, end: 6 },
        { start: 6, end: 10 },
        { start: 8, end: 14 },
        { start: 14, end: 18 },
      ],
      reason: 'next unit measures 4',
    },
  ])('never starts an overlap at the previous chunk start ($text)', (example) => {
    const { spans, reason, ...options } = example;
    for (const result of [
      splitAndPackCharacters(options),
      splitAndPackCharactersEagerly(options),
      packGenerally(options),
    ]) {
      expect(result.spans).toEqual(spans);
      expect(result.warnings[0]?.type).toBe('overlap-reduced');
      expect(result.warnings[0]?.message).toContain(reason);
    }
  });

  it('matches the general path on a long document of uneven paragraphs, lines and runs', () => {
    // Paragraphs from a few characters to many chunks long, lines up to 1,500 characters,
    // runs of blank lines and words without spaces: the lazy path's caches and widening
    // searches all get used.
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            lines: fc.array(fc.integer({ min: 0, max: 1500 }), { minLength: 1, maxLength: 40 }),
            blankLines: fc.integer({ min: 1, max: 5 }),
            emoji: fc.boolean(),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        fc.constantFrom([1000, 200], [300, 50], [64, 16], [500, 0]),
        (paragraphs, [chunkSize, chunkOverlap]) => {
          const text = paragraphs
            .map(({ lines, blankLines, emoji }) =>
              lines
                .map((size) =>
                  size % 7 === 0
                    ? 'y'.repeat(size)
                    : `${emoji ? '😀 ' : ''}${'word '.repeat(Math.floor(size / 5))}`,
                )
                .join('\n')
                .concat('\n'.repeat(blankLines + 1)),
            )
            .join('');
          const options = {
            text,
            chunkSize: chunkSize as number,
            chunkOverlap: chunkOverlap as number,
            separators: ['\n\n', '\n', ' ', ''],
          };
          const general = packGenerally(options);
          expect(splitAndPackCharacters(options)).toEqual(general);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('matches the general path where lines measure about one chunk', () => {
    // The locator's shortcuts (`stepForward`, `endBefore`) tell from a piece's size whether it
    // is a whole unit; lines within a few characters of a third, a half, one, two or three
    // chunks test that edge (a long line just before short ones tests `endBefore`), with
    // separators of one and two characters, led by whitespace or not.
    const styles = [
      { separators: ['\n\n', '\n', ' ', ''], line: '\n', paragraph: '\n\n' },
      { separators: ['\r\n\r\n', '\r\n', ' ', ''], line: '\r\n', paragraph: '\r\n\r\n' },
      { separators: ['||', '|', ' ', ''], line: '|', paragraph: '||' },
      { separators: ['\n\n', '. ', ' ', ''], line: '. ', paragraph: '\n\n' },
      // ' \n' also occurs across a paragraph's end, where it is no cut of the paragraph.
      { separators: ['\n\n', ' \n', ' ', ''], line: ' \n', paragraph: ' \n\n' },
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...styles),
        fc.integer({ min: 6, max: 40 }),
        fc.double({ min: 0, max: 0.7, noNaN: true }),
        fc.array(
          fc.record({
            delta: fc.integer({ min: -3, max: 3 }),
            chunks: fc.constantFrom(0.3, 0.5, 1, 1, 1, 1.5, 2, 3),
            spaced: fc.boolean(),
            paragraphEnds: fc.boolean(),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        ({ separators, line, paragraph }, chunkSize, ratio, lines) => {
          const text = lines
            .map(({ delta, chunks, spaced, paragraphEnds }) => {
              const size = Math.max(1, Math.round(chunkSize * chunks) + delta);
              const body = spaced ? 'ab '.repeat(size).slice(0, size) : 'y'.repeat(size);
              return body + (paragraphEnds ? paragraph : line);
            })
            .join('');
          const options = {
            text,
            chunkSize,
            chunkOverlap: Math.floor(chunkSize * ratio),
            separators,
          };
          const general = packGenerally(options);
          expect(splitAndPackCharacters(options)).toEqual(general);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('matches the general path on long text with a realistic chunk size', () => {
    const paragraph = (i: number) =>
      `${'word '.repeat(i % 37)}line ${i}\n${'x'.repeat((i * 53) % 1700)}\n\n`;
    const text = Array.from({ length: 300 }, (_, i) => paragraph(i)).join('\n');
    for (const chunkOverlap of [0, 200, 600]) {
      const options = { text, chunkSize: 1000, chunkOverlap, separators: ['\n\n', '\n', ' ', ''] };
      const general = packGenerally(options);
      expect(general.spans.length).toBeGreaterThan(100);
      expect(splitAndPackCharacters(options)).toEqual(general);
      expect(splitAndPackCharactersEagerly(options)).toEqual(general);
    }
  });
});
