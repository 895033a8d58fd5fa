import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeBase64,
  decodeBase64Float32,
  EmbeddingDecodeError,
  encodeFloat32Base64,
  float32FromNumbers,
} from './decode-embedding.js';

describe('decodeBase64', () => {
  it('decodes any bytes exactly as Node does, padded or not', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64');
        expect(decodeBase64(text)).toEqual(new Uint8Array(bytes));
        expect(decodeBase64(text.replace(/=+$/, ''))).toEqual(new Uint8Array(bytes));
      }),
    );
  });

  it('refuses characters outside the alphabet and impossible lengths', () => {
    expect(() => decodeBase64('AAA*')).toThrow(EmbeddingDecodeError);
    expect(() => decodeBase64('AAAAA')).toThrow(/impossible length/);
    expect(() => decodeBase64('AA===')).toThrow(/impossible length/);
    expect(() => decodeBase64('AAé=')).toThrow(EmbeddingDecodeError);
  });
});

describe('decodeBase64Float32', () => {
  it('round-trips float32 vectors through the little-endian base64 OpenAI sends', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ noNaN: true }), { maxLength: 300 }), (values) => {
        const expected = Float32Array.from(values);
        const fromNode = Buffer.from(expected.buffer).toString('base64');
        expect(decodeBase64Float32(fromNode)).toEqual(expected);
        expect(decodeBase64Float32(encodeFloat32Base64(values))).toEqual(expected);
      }),
    );
  });

  it('refuses a vector with any character outside the alphabet, wherever it is', () => {
    // On Node the decoder's byte count is the check: a bad character must always show.
    const bad = fc.constantFrom('*', ' ', '\n', '=', '.', 'é', '😀', '\u0000', '"', '\\');
    fc.assert(
      fc.property(
        fc.array(fc.float({ noNaN: true }), { minLength: 1, maxLength: 64 }),
        bad,
        fc.nat(),
        fc.boolean(),
        (values, character, at, replace) => {
          const text = Buffer.from(Float32Array.from(values).buffer).toString('base64');
          const position = at % text.replace(/=+$/, '').length;
          const broken =
            text.slice(0, position) + character + text.slice(replace ? position + 1 : position);
          expect(() => decodeBase64Float32(broken)).toThrow(EmbeddingDecodeError);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses a byte count that is not a whole number of floats', () => {
    expect(() => decodeBase64Float32(Buffer.from([1, 2, 3, 4, 5]).toString('base64'))).toThrow(
      /5 bytes is not a whole number/,
    );
  });
});

describe('float32FromNumbers', () => {
  it('converts number arrays and refuses anything else', () => {
    expect(float32FromNumbers([0.5, -1])).toEqual(Float32Array.from([0.5, -1]));
    expect(() => float32FromNumbers([0.5, '1'])).toThrow(/value 1 is not a finite number/);
    expect(() => float32FromNumbers([Number.NaN])).toThrow(/value 0/);
  });
});
