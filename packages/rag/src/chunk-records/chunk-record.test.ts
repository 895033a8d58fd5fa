import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Chunk } from '../types/document.js';
import {
  chunkToRecord,
  recordContentHash,
  recordHoldsChunk,
  recordToChunk,
} from './chunk-record.js';
import { sameJson } from './same-json.js';

const chunk: Chunk = {
  id: 'guide.md#2',
  documentId: 'guide.md',
  index: 2,
  text: 'Retries use exponential backoff.',
  start: 120,
  end: 152,
  metadata: { source: 'guide.md', title: 'Guide', headingPath: ['Guide', 'Retries'] },
};

describe('chunk records', () => {
  it('round-trips a chunk through a vector-store record', () => {
    const record = chunkToRecord(chunk, new Float32Array([1, 0]), 'abc123');
    expect(record.text).toBe(chunk.text);
    expect(recordToChunk(record)).toEqual(chunk);
    expect(recordContentHash(record)).toBe('abc123');
  });

  it('refuses a record that does not hold a chunk', () => {
    expect(() =>
      recordToChunk({ id: 'x', vector: new Float32Array([1]), text: 'x', metadata: {} }),
    ).toThrow(/does not hold a chunk/);
  });

  it('recordHoldsChunk agrees with comparing against chunkToRecord, on random metadata', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(null, true, 0, 1, 'a', 'b', undefined),
        fc.array(tie('value'), { maxLength: 2 }),
        fc.dictionary(fc.constantFrom('x', 'y'), tie('value'), { maxKeys: 2 }),
      ),
    })).value;
    const keys = fc.constantFrom('source', 'title', 'x', 'weft.start', 'weft.contentHash');
    const metadata = fc.dictionary(keys, json, { maxKeys: 4 });
    const place = fc.record({
      documentId: fc.constantFrom('a.md', 'b.md'),
      index: fc.nat(2),
      start: fc.nat(3),
      end: fc.nat(3),
      text: fc.constantFrom('one', 'two'),
    });
    // The chunk is the stored one, changed in one way or not at all, so both answers occur.
    const change = fc.constantFrom(
      'none',
      'other place',
      'other text',
      'other hash',
      'key added',
      'key dropped',
      'undefined added',
      'reserved key added',
      'value changed',
    );
    let held = 0;
    fc.assert(
      fc.property(place, metadata, place, change, (p1, m1, p2, how) => {
        const stored = chunkToRecord({ id: 'c', ...p1, metadata: m1 }, new Float32Array([1]), 'k1');
        // What a store gives back: a JSON round trip drops undefined values.
        const record = { ...stored, metadata: JSON.parse(JSON.stringify(stored.metadata)) };
        const m2: Record<string, unknown> = { ...m1 };
        const first = Object.keys(m2)[0];
        let where: { documentId: string; index: number; start: number; end: number; text: string } =
          { ...p1 };
        let hash = 'k1';
        if (how === 'other place') where = { ...p2, text: p1.text };
        if (how === 'other text') where = { ...p1, text: `${p1.text}!` };
        if (how === 'other hash') hash = 'k2';
        if (how === 'key added') m2.added = 1;
        if (how === 'key dropped' && first !== undefined) delete m2[first];
        if (how === 'undefined added') m2.gone = undefined;
        if (how === 'reserved key added') m2['weft.end'] = 99;
        if (how === 'value changed' && first !== undefined) m2[first] = { changed: [m2[first]] };
        const chunk = { id: 'c', ...where, metadata: m2 };
        const wanted = chunkToRecord(chunk, new Float32Array([1]), hash);
        const expected = record.text === wanted.text && sameJson(record.metadata, wanted.metadata);
        if (expected) held++;
        expect(recordHoldsChunk(record, chunk, hash)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
    // Both outcomes were exercised many times.
    expect(held).toBeGreaterThan(200);
    expect(held).toBeLessThan(1800);
    const chunk = {
      id: 'c',
      documentId: 'a.md',
      index: 0,
      start: 0,
      end: 3,
      text: 'one',
      metadata: { x: 1 },
    };
    const chunkAgain = { ...chunk, metadata: { ...chunk.metadata } };
    expect(
      recordHoldsChunk(chunkToRecord(chunk, new Float32Array([1]), 'h'), chunkAgain, 'h'),
    ).toBe(true);
  });
});
