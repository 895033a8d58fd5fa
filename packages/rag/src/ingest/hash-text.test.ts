import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../loaders/document-builder.js';
import { textHasher } from './hash-text.js';

describe('textHasher', () => {
  it("gives Web Crypto's SHA-256 of the UTF-8 text, on any Unicode (lone surrogates included)", async () => {
    const hash = textHasher();
    expect(await hash('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (text) => {
        expect(await hash(text)).toBe(await sha256Hex(text));
      }),
      { numRuns: 500 },
    );
  });
});
