import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopKHeap } from './top-k-heap.js';

describe('TopKHeap', () => {
  it('keeps exactly the k best scores, best first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1, max: 1 }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 30 }),
        (scores, k) => {
          const heap = new TopKHeap(4);
          heap.reset(k);
          for (const [row, score] of scores.entries()) heap.push(score, row);
          const kept = heap.drain().map((hit) => hit.score);
          const expected = [...scores].sort((a, b) => b - a).slice(0, k);
          expect(kept).toEqual(expected);
        },
      ),
    );
  });
});
