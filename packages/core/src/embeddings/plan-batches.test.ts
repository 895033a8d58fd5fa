import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planBatches } from './plan-batches.js';

describe('planBatches', () => {
  it('covers every input once, in order, within both limits, each batch as full as allowed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 120 }),
        (tokens, maxBatchSize, maxBatchTokens) => {
          const batches = planBatches({
            count: tokens.length,
            maxBatchSize,
            maxBatchTokens,
            tokensOf: (i) => tokens[i] as number,
          });
          let expectedStart = 0;
          for (const [i, batch] of batches.entries()) {
            expect(batch.start).toBe(expectedStart);
            expect(batch.end).toBeGreaterThan(batch.start);
            const size = batch.end - batch.start;
            const sum = tokens.slice(batch.start, batch.end).reduce((a, b) => a + b, 0);
            expect(batch.tokens).toBe(sum);
            expect(size).toBeLessThanOrEqual(maxBatchSize);
            // Over the limit only when one input alone exceeds it.
            if (size > 1) expect(sum).toBeLessThanOrEqual(maxBatchTokens);
            if (i < batches.length - 1) {
              const next = tokens[batch.end] as number;
              expect(size === maxBatchSize || sum + next > maxBatchTokens).toBe(true);
            }
            expectedStart = batch.end;
          }
          expect(expectedStart).toBe(tokens.length);
        },
      ),
    );
  });

  it('splits by count alone when no token limit is given', () => {
    const batches = planBatches({ count: 5, maxBatchSize: 2, tokensOf: () => 1_000_000 });
    expect(batches.map((batch) => [batch.start, batch.end])).toEqual([
      [0, 2],
      [2, 4],
      [4, 5],
    ]);
  });
});
