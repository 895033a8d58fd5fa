import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/errors.js';
import { cosineSimilarity } from './cosine-similarity.js';

const vector = fc.array(fc.float({ min: -100, max: 100, noNaN: true }), {
  minLength: 3,
  maxLength: 3,
});

describe('cosineSimilarity', () => {
  it('is 1 for the same direction, -1 for opposite, 0 for orthogonal', () => {
    expect(cosineSimilarity([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(cosineSimilarity(Float32Array.from([1, 0]), Float32Array.from([-3, 0]))).toBe(-1);
    expect(cosineSimilarity([1, 0], [0, 5])).toBe(0);
  });

  it('is symmetric, scale-free and within [-1, 1]', () => {
    fc.assert(
      fc.property(vector, vector, fc.float({ min: 1, max: 1000, noNaN: true }), (a, b, k) => {
        const ab = cosineSimilarity(a, b);
        expect(ab).toBeGreaterThanOrEqual(-1);
        expect(ab).toBeLessThanOrEqual(1);
        expect(cosineSimilarity(b, a)).toBeCloseTo(ab, 10);
        expect(
          cosineSimilarity(
            a.map((x) => x * k),
            b,
          ),
        ).toBeCloseTo(ab, 5);
      }),
    );
  });

  it('gives 0 for a zero vector instead of NaN', () => {
    expect(cosineSimilarity([0, 0, 0], [1, 2, 3])).toBe(0);
  });

  it('refuses vectors of different lengths', () => {
    expect(() => cosineSimilarity([1, 2], [1, 2, 3])).toThrow(ValidationError);
    expect(() => cosineSimilarity([1, 2], [1, 2, 3])).toThrow(/same length, got 2 and 3/);
  });
});
