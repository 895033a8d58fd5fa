import fc from 'fast-check';
import { Tiktoken } from 'js-tiktoken/lite';
import cl100kRanks from 'js-tiktoken/ranks/cl100k_base';
import o200kRanks from 'js-tiktoken/ranks/o200k_base';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/errors.js';
import type { EncodingName } from './encoding-name.js';
import { getTokenizer } from './get-tokenizer.js';

// The reference: js-tiktoken, a port of tiktoken over the same rank files. Its
// `encode(text, [], [])` is tiktoken's `encode_ordinary` (special-token text as plain text),
// except on U+0085 and U+FEFF, where JavaScript's `\s` differs from tiktoken's (Rust's) and
// js-tiktoken splits differently from tiktoken. Those two are compared with tiktoken's own
// ids below, and left out of the comparisons with js-tiktoken.
const jsTiktokenDiffers = /[\u0085\ufeff]/;
const references: Record<EncodingName, Tiktoken> = {
  o200k_base: new Tiktoken(o200kRanks),
  cl100k_base: new Tiktoken(cl100kRanks),
};

const codePoint = (min: number, max: number) =>
  fc.integer({ min, max }).map((code) => String.fromCodePoint(code));

// Text that stresses the pre-tokenizer: contractions, case changes, digit runs, whitespace
// and newline runs, punctuation, and letters from several scripts next to each other.
const fragments = fc.constantFrom(
  "'s",
  "'T",
  "'re",
  "'LL",
  "'d",
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\n\n\n',
  '   \n ',
  '\u00a0',
  '\u3000',
  '\u2028',
  '\v',
  '\f',
  'Hello',
  'WORLD',
  'camelCase',
  'snake_case',
  'IO',
  'x',
  '0',
  '123456',
  '3.14',
  '!?',
  '...',
  '//',
  '/*',
  '*/',
  '{',
  '}',
  '=>',
  '();',
  '<|endoftext|>',
  'é',
  'ß',
  'İ',
  'ǅ',
  'Привет',
  'мир',
  'こんにちは',
  '世界',
  '한국어',
  'مرحبا',
  'שלום',
  'हिन्दी',
  'ไทย',
  '👍',
  '👨‍👩‍👧',
  '🏳️‍🌈',
  '🇯🇵',
  '\u0301',
  'a\u0301',
  '\u200d',
  '\ud83d',
  '\udc00',
);
const mixedText = fc.array(fragments, { maxLength: 40 }).map((parts) => parts.join(''));
const emojiText = fc
  .array(fc.oneof(codePoint(0x1f300, 0x1faff), fc.constantFrom('\u200d', '\ufe0f', ' ')), {
    maxLength: 30,
  })
  .map((parts) => parts.join(''));
const codeText = fc
  .array(
    fc.oneof(
      fc.constantFrom('const ', 'function ', 'return ', 'if (', ') {\n', '}\n', '  ', '    ', '\t'),
      fc.constantFrom('=', '==', '!==', '=>', '+=', '&&', '||', ';', ',', '.', ':', '"', "'", '`'),
      fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
      fc.integer().map(String),
    ),
    { maxLength: 50 },
  )
  .map((parts) => parts.join(''));
const whitespaceRuns = fc
  .array(fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', 'a', '.'), { maxLength: 300 })
  .map((parts) => parts.join(''));
// Any code unit at all, lone surrogates included.
const codeUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
});

const encodings: EncodingName[] = ['o200k_base', 'cl100k_base'];

// Ids from tiktoken 1.0.22 (the WASM build of OpenAI's Rust tiktoken), `encode_ordinary`.
const tiktokenIds: Record<EncodingName, Array<[string, number[]]>> = {
  o200k_base: [
    ['x \ufeffy', [87, 71280, 88]],
    ['a  \u0085\n', [64, 256, 126, 227, 198]],
    ['\ufeff\ufeff  z\u0085\u0085', [135153, 220, 579, 126, 227, 126, 227]],
  ],
  cl100k_base: [
    ['x \ufeffy', [87, 76880, 88]],
    ['a  \u0085\n', [64, 256, 126, 227, 198]],
    ['\ufeff\ufeff  z\u0085\u0085', [3305, 3305, 220, 1167, 126, 227, 126, 227]],
  ],
};

describe.each(encodings)('the %s tokenizer', (encoding) => {
  it.each(tiktokenIds[encoding])(
    'splits %j around U+0085 / U+FEFF as tiktoken does (where js-tiktoken does not)',
    async (text, ids) => {
      const tokenizer = await getTokenizer({ encoding });
      expect(tokenizer.encode(text)).toEqual(ids);
      expect(tokenizer.count(text)).toBe(ids.length);
    },
  );
});

describe.each(encodings)('the %s tokenizer', (encoding) => {
  const reference = references[encoding];

  async function expectSameAsTiktoken(arbitrary: fc.Arbitrary<string>, numRuns = 200) {
    const tokenizer = await getTokenizer({ encoding });
    fc.assert(
      fc.property(
        arbitrary.filter((text) => !jsTiktokenDiffers.test(text)),
        (text) => {
          const expected = reference.encode(text, [], []);
          expect(tokenizer.count(text)).toBe(expected.length);
          expect(tokenizer.encode(text)).toEqual(expected);
        },
      ),
      { numRuns },
    );
  }

  it('counts random Unicode text exactly as tiktoken does', async () => {
    await expectSameAsTiktoken(fc.string({ unit: 'binary', maxLength: 80 }), 300);
  });

  it('counts mixed scripts, contractions and special-token text exactly as tiktoken does', async () => {
    await expectSameAsTiktoken(mixedText, 300);
  });

  it('counts emoji sequences exactly as tiktoken does', async () => {
    await expectSameAsTiktoken(emojiText);
  });

  it('counts code-like text exactly as tiktoken does', async () => {
    await expectSameAsTiktoken(codeText);
  });

  it('counts long whitespace runs exactly as tiktoken does', async () => {
    await expectSameAsTiktoken(whitespaceRuns, 100);
  });

  it('counts arbitrary UTF-16, lone surrogates included, exactly as tiktoken does', async () => {
    await expectSameAsTiktoken(codeUnits);
  });

  it('gives the same count the second time, from its cache', async () => {
    const tokenizer = await getTokenizer({ encoding });
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(50);
    expect(tokenizer.count(text)).toBe(tokenizer.count(text));
    expect(tokenizer.count(text)).toBe(reference.encode(text).length);
  });

  it('merges a single long piece (a 5,000-character word) as tiktoken does', async () => {
    const tokenizer = await getTokenizer({ encoding });
    const text = 'abcdefghij'.repeat(500);
    expect(tokenizer.encode(text)).toEqual(reference.encode(text));
  });

  it('decodes what it encodes back to the text', async () => {
    const tokenizer = await getTokenizer({ encoding });
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        expect(tokenizer.decode(tokenizer.encode(text))).toBe(text);
      }),
    );
  });

  it('counts special-token text as ordinary text', async () => {
    const tokenizer = await getTokenizer({ encoding });
    const text = 'before <|endoftext|> after';
    expect(tokenizer.count(text)).toBe(reference.encode(text, [], []).length);
    expect(tokenizer.count(text)).toBeGreaterThan(reference.encode(text, 'all').length);
  });

  it('refuses to decode a token id that is not in the encoding', async () => {
    const tokenizer = await getTokenizer({ encoding });
    expect(() => tokenizer.decode([1, 10_000_000])).toThrow(ValidationError);
    expect(() => tokenizer.decode([1, 10_000_000])).toThrow(/10000000/);
  });

  it('counts the empty string as zero tokens', async () => {
    const tokenizer = await getTokenizer({ encoding });
    expect(tokenizer.count('')).toBe(0);
    expect(tokenizer.encode('')).toEqual([]);
  });
});
