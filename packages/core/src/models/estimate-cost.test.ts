import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/errors.js';
import { estimateCost } from './estimate-cost.js';
import type { ModelInfo } from './model-info.js';

describe('estimateCost', () => {
  it('prices input and output tokens at the list prices per million', () => {
    const cost = estimateCost({ inputTokens: 1_000_000, outputTokens: 500_000 }, 'gpt-4o-mini');
    expect(cost.inputCost).toBeCloseTo(0.15, 10);
    expect(cost.outputCost).toBeCloseTo(0.3, 10);
    expect(cost.totalCost).toBeCloseTo(0.45, 10);
    expect(cost.currency).toBe('USD');
  });

  it('bills cached input tokens at the cached price and the rest at the input price', () => {
    const cost = estimateCost(
      { inputTokens: 10_000, cachedInputTokens: 8_000, outputTokens: 100 },
      'gpt-4o-2024-08-06',
    );
    expect(cost.inputCost).toBeCloseTo((2_000 * 2.5) / 1e6, 12);
    expect(cost.cachedInputCost).toBeCloseTo((8_000 * 1.25) / 1e6, 12);
    expect(cost.outputCost).toBeCloseTo((100 * 10) / 1e6, 12);
  });

  it('bills Anthropic cache writes at 1.25x and reads at 0.1x the input price', () => {
    const cost = estimateCost(
      { inputTokens: 3_000, cachedInputTokens: 1_000, cacheWriteTokens: 1_000, outputTokens: 0 },
      'claude-sonnet-4-5-20250929',
    );
    expect(cost.inputCost).toBeCloseTo((1_000 * 3) / 1e6, 12);
    expect(cost.cachedInputCost).toBeCloseTo((1_000 * 0.3) / 1e6, 12);
    expect(cost.cacheWriteCost).toBeCloseTo((1_000 * 3.75) / 1e6, 12);
  });

  it('prices a model given as ModelInfo, and counts missing usage fields as 0', () => {
    const info: ModelInfo = {
      id: 'mine',
      provider: 'self',
      kind: 'chat',
      contextWindow: 1000,
      pricing: { inputPerMillion: 1, outputPerMillion: 2 },
    };
    expect(estimateCost({ outputTokens: 1_000_000 }, info).totalCost).toBe(2);
    expect(estimateCost({}, info).totalCost).toBe(0);
  });

  it('throws a clear error for an unknown model or negative usage', () => {
    expect(() => estimateCost({ inputTokens: 1 }, 'gpt-99')).toThrow(ValidationError);
    expect(() => estimateCost({ inputTokens: 1 }, 'gpt-99')).toThrow(
      /No price is known for model "gpt-99"/,
    );
    expect(() => estimateCost({ inputTokens: -5 }, 'gpt-4o')).toThrow(
      /usage.inputTokens must be a finite number >= 0/,
    );
  });

  it('never charges less for more tokens, and totals its parts', () => {
    const usage = fc.record({
      inputTokens: fc.nat(1_000_000),
      outputTokens: fc.nat(1_000_000),
    });
    fc.assert(
      fc.property(usage, fc.nat(1_000), (base, extra) => {
        const a = estimateCost(base, 'claude-haiku-4-5');
        const b = estimateCost(
          { ...base, outputTokens: base.outputTokens + extra },
          'claude-haiku-4-5',
        );
        expect(b.totalCost).toBeGreaterThanOrEqual(a.totalCost);
        expect(a.totalCost).toBeCloseTo(
          a.inputCost + a.cachedInputCost + a.cacheWriteCost + a.outputCost,
          12,
        );
      }),
    );
  });
});
