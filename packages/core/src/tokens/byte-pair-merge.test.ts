import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytePairEncode } from './byte-pair-merge.js';
import { bytePairEncodeLong } from './byte-pair-merge-long.js';
import { loadEncoding } from './load-encoding.js';
import { utf8BinaryString } from './utf8.js';

// A toy vocabulary where merge order matters: every byte, then pairs and longer runs with
// ranks chosen so that ties and re-merges happen.
function toyRanks(): Map<string, number> {
  const ranks = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) ranks.set(String.fromCharCode(byte), byte);
  const merges = ['ab', 'bc', 'aa', 'abc', 'bcb', 'aaaa', 'cc', 'ccc', 'cccc', 'abab', 'ba'];
  for (const [index, token] of merges.entries()) ranks.set(token, 256 + index);
  return ranks;
}

describe('byte-pair merging', () => {
  it('gives the same ids with the heap as with the linear scan, on a toy vocabulary', () => {
    const ranks = toyRanks();
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 200 }), (text) => {
        if (text.length === 0) return;
        expect(bytePairEncodeLong(text, ranks)).toEqual(bytePairEncode(text, ranks));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same ids with the heap as with the linear scan, on o200k pieces', async () => {
    const { default: file } = await import('js-tiktoken/ranks/o200k_base');
    const { parseBpeRanks } = await import('./bpe-ranks.js');
    const ranks = parseBpeRanks(file.bpe_ranks).rankOf;
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('a', 'e', 'r', 't', 'x', ' ', 'é', '文'),
          minLength: 1,
          maxLength: 85,
        }),
        // At most 255 bytes, so that bytePairEncode takes its linear scan.
        (text) => {
          const piece = utf8BinaryString(text);
          expect(bytePairEncodeLong(piece, ranks)).toEqual(bytePairEncode(piece, ranks));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('encodes a 200,000-space piece (one piece, quadratic for a plain scan)', async () => {
    const tokenizer = await loadEncoding('o200k_base');
    const text = ' '.repeat(200_000);
    const ids = tokenizer.encode(text);
    expect(tokenizer.decode(ids)).toBe(text);
    expect(ids.length).toBeGreaterThan(0);
  });
});
