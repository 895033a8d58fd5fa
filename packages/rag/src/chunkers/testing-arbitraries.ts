/** fast-check generators shared by the chunkers' tests (not exported by the package). */
import fc from 'fast-check';

const fragments = [
  ' ',
  '  ',
  '\n',
  '\n\n',
  '\r\n',
  '\r\n\r\n',
  '\t',
  '. ',
  '? ',
  '! ',
  '😀',
  '👩‍👩‍👧',
  '𝒳𝒴',
  'é',
  'e\u0301',
  '日本語の文。',
  'Ünïcödé',
  'word',
  'The quick brown fox. ',
  '# Title\n',
  '## Sub\n',
  '```\ncode\n```\n',
  'function f() {}\n',
  'def g():\n    pass\n',
];

/** Random text: Unicode (surrogate pairs, emoji, combining marks), `\r\n`, separators, long runs. */
export const unicodeText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...fragments) },
      { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom('x', '😀', 'ab', '𝒳'), fc.integer({ min: 1, max: 120 }))
          .map(([unit, times]) => unit.repeat(times)),
      },
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));
