import fc from 'fast-check';
import { getEncoding } from 'js-tiktoken';
import { describe, expect, it } from 'vitest';
import { loadEmbeddingTokenizer, utf8Length } from './embedding-tokenizer.js';

const cl100k = getEncoding('cl100k_base');
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.constantFrom('🙂🙂 x', '\uD800 lone', 'a\u0301e\u0301', '<|endoftext|> hi', '    \n\n\t'),
);

describe('utf8Length', () => {
  it('equals the UTF-8 byte count, and is never below the cl100k token count', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
        expect(cl100k.encode(text, [], []).length).toBeLessThanOrEqual(utf8Length(text));
      }),
    );
  });
});

describe('loadEmbeddingTokenizer', () => {
  it('counts like js-tiktoken and truncates to a prefix within the limit', async () => {
    const tokenizer = await loadEmbeddingTokenizer('cl100k_base');
    fc.assert(
      fc.property(anyText, fc.integer({ min: 0, max: 20 }), (text, limit) => {
        expect(tokenizer.count(text)).toBe(cl100k.encode(text, [], []).length);
        const cut = tokenizer.truncate(text, limit);
        expect(tokenizer.count(cut)).toBeLessThanOrEqual(limit);
        if (tokenizer.count(text) <= limit) expect(cut).toBe(text);
      }),
    );
  });

  it('loads o200k_base too', async () => {
    const tokenizer = await loadEmbeddingTokenizer('o200k_base');
    expect(tokenizer.count('hello world')).toBe(
      getEncoding('o200k_base').encode('hello world').length,
    );
  });
});
