import { ValidationError } from '@weft/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FilterValue, MetadataFilter } from '../types/index.js';
import { compareCodePoints, compileFilter, matchesFilter } from './evaluate-filter.js';

const scalar = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -10, max: 10 }),
  fc.constantFrom('a', 'b', "it's", '; DROP TABLE t; --', '$1', '\\', '😀', 'é', ''),
  fc.boolean(),
  fc.constant(null),
);
const fields = ['n', 's', "we'ird;--$1\\"];
const metadata = fc.dictionary(fc.constantFrom(...fields), scalar, { maxKeys: 3 });
const field = fc.constantFrom(...fields);
const comparable = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom('a', 'b', '😀', ''));

describe('compileFilter', () => {
  it('matches the documented examples', () => {
    const record = { source: 'a.md', year: 2021, draft: false, tag: null };
    const yes: MetadataFilter[] = [
      { source: 'a.md' },
      { year: { $gte: 2020, $lt: 2022 } },
      { source: { $in: ['a.md', 'b.md'] } },
      { missing: { $ne: 'x' } },
      { missing: { $nin: ['x'] } },
      { tag: { $exists: true } },
      { missing: { $exists: false } },
      { $or: [{ year: 1999 }, { draft: false }] },
      { $not: { source: 'b.md' } },
      { year: { $not: { $gt: 2021 } } },
      {},
    ];
    const no: MetadataFilter[] = [
      { year: '2021' },
      { year: { $gt: '2000' } },
      { missing: { $eq: null } },
      { missing: { $in: [null] } },
      { $and: [{ source: 'a.md' }, { draft: true }] },
      { source: 'a.md', year: 2020 },
    ];
    for (const filter of yes)
      expect(matchesFilter(filter, record), JSON.stringify(filter)).toBe(true);
    for (const filter of no)
      expect(matchesFilter(filter, record), JSON.stringify(filter)).toBe(false);
  });

  it('makes $ne, $nin and $not the exact negations of $eq, $in and their inner filter', () => {
    fc.assert(
      fc.property(metadata, field, scalar, fc.array(scalar, { maxLength: 3 }), (m, f, v, vs) => {
        const value = v as FilterValue;
        expect(matchesFilter({ [f]: { $ne: value } }, m)).toBe(!matchesFilter({ [f]: value }, m));
        expect(matchesFilter({ [f]: { $nin: vs } }, m)).toBe(
          !matchesFilter({ [f]: { $in: vs } }, m),
        );
        expect(matchesFilter({ $not: { [f]: { $in: vs } } }, m)).toBe(
          matchesFilter({ [f]: { $nin: vs } }, m),
        );
        expect(matchesFilter({ [f]: { $not: { $eq: value } } }, m)).toBe(
          matchesFilter({ [f]: { $ne: value } }, m),
        );
        expect(matchesFilter({ [f]: { $in: [value] } }, m)).toBe(matchesFilter({ [f]: value }, m));
      }),
    );
  });

  it('orders only values of the same type, consistently across the range operators', () => {
    fc.assert(
      fc.property(metadata, field, comparable, (m, f, v) => {
        const gt = matchesFilter({ [f]: { $gt: v } }, m);
        const lt = matchesFilter({ [f]: { $lt: v } }, m);
        const eq = matchesFilter({ [f]: { $eq: v } }, m);
        expect(matchesFilter({ [f]: { $gte: v } }, m)).toBe(gt || eq);
        expect(matchesFilter({ [f]: { $lte: v } }, m)).toBe(lt || eq);
        expect(Number(gt) + Number(lt) + Number(eq)).toBe(typeof m[f] === typeof v ? 1 : 0);
      }),
    );
  });

  it('combines with $and and $or like && and ||', () => {
    const leaf = fc.tuple(field, scalar).map(([f, v]) => ({ [f]: v as FilterValue }));
    fc.assert(
      fc.property(metadata, leaf, leaf, (m, a, b) => {
        const [x, y] = [matchesFilter(a, m), matchesFilter(b, m)];
        expect(matchesFilter({ $and: [a, b] }, m)).toBe(x && y);
        expect(matchesFilter({ $or: [a, b] }, m)).toBe(x || y);
      }),
    );
  });

  it('compares strings by code point, which is the order of their UTF-8 bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const bytes = Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b)));
        expect(Math.sign(compareCodePoints(a, b))).toBe(bytes);
      }),
    );
    expect(compareCodePoints('\u{1F600}', '\uFFFD')).toBeGreaterThan(0);
    expect('\u{1F600}' < '\uFFFD').toBe(true);
  });
});

describe('filter validation', () => {
  const refused: Array<[unknown, string]> = [
    [{ year: { $regex: 'a' } }, 'unknown operator "$regex"'],
    [{ $nor: [{ a: 1 }] }, 'unknown operator "$nor"'],
    [{ year: { gt: 1 } }, 'unknown operator "gt"'],
    [{ year: Number.NaN }, 'numbers must be finite'],
    [{ year: { $in: 3 } }, '$in takes an array'],
    [{ year: { $gt: true } }, '$gt compares numbers or strings'],
    [{ $or: [] }, '$or takes a non-empty array'],
    [{ year: { $exists: 'yes' } }, '$exists takes true or false'],
    [{ year: [1, 2] }, 'expected a string, number, boolean or null'],
    [{ year: {} }, 'at least one operator'],
    [{ '': 1 }, 'must not be empty'],
    ['year = 1', 'expected a filter object'],
  ];
  for (const [filter, message] of refused) {
    it(`refuses ${JSON.stringify(filter)} with a clear error`, () => {
      let error: unknown;
      try {
        compileFilter(filter as MetadataFilter);
      } catch (caught) {
        error = caught;
      }
      expect(ValidationError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain(message);
    });
  }

  it('refuses filters nested too deeply', () => {
    let filter: MetadataFilter = { a: 1 };
    for (let i = 0; i < 40; i++) filter = { $not: filter };
    expect(() => compileFilter(filter)).toThrow(/nest at most/);
  });
});
