import { ValidationError } from '../errors/errors.js';
import type { Usage } from '../types/usage.js';
import { defaultModelCatalog, type ModelCatalog } from './model-catalog.js';
import type { ModelInfo } from './model-info.js';

/** The cost of some usage at list prices, in US dollars. */
export interface CostEstimate {
  /** Uncached prompt tokens at the input price. */
  inputCost: number;
  /** Prompt tokens read from the cache, at the cached price (the input price if none). */
  cachedInputCost: number;
  /** Prompt tokens written to the cache, at the cache-write price (the input price if none). */
  cacheWriteCost: number;
  outputCost: number;
  totalCost: number;
  currency: 'USD';
}

export interface EstimateCostOptions {
  /** Where to look the model id up; the default catalog otherwise. */
  catalog?: ModelCatalog;
}

const usageFields = [
  'inputTokens',
  'outputTokens',
  'cachedInputTokens',
  'cacheWriteTokens',
] as const satisfies ReadonlyArray<keyof Usage>;

function tokens(usage: Usage, field: (typeof usageFields)[number]): number {
  const value = usage[field];
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ValidationError(
      `usage.${field} must be a finite number >= 0, got ${String(value)}.`,
      {
        issues: [{ path: ['usage', field], message: 'must be a finite number >= 0' }],
      },
    );
  }
  return value;
}

/** The catalog entry for a model id, or a clear error naming what to do about an unknown one. */
export function resolveModelInfo(model: string | ModelInfo, catalog?: ModelCatalog): ModelInfo {
  if (typeof model !== 'string') return model;
  const info = (catalog ?? defaultModelCatalog).get(model);
  if (!info) {
    throw new ValidationError(
      `No price is known for model "${model}". Pass its ModelInfo, or add it with createModelCatalog([...]).`,
      { issues: [{ path: ['model'], message: `unknown model "${model}"` }] },
    );
  }
  return info;
}

/**
 * The cost of a call's usage at the model's list prices. Cached prompt tokens are billed at
 * the cached price, tokens written to the cache at the cache-write price, the rest of the
 * prompt at the input price. An unknown model id throws a `ValidationError` (pass a
 * `ModelInfo` for models the catalog lacks); missing usage fields count as 0.
 *
 * @example
 * estimateCost({ inputTokens: 1000, outputTokens: 200 }, 'gpt-4o-mini').totalCost; // 0.00027
 */
export function estimateCost(
  usage: Usage,
  model: string | ModelInfo,
  options: EstimateCostOptions = {},
): CostEstimate {
  const { pricing } = resolveModelInfo(model, options.catalog);
  if (typeof usage !== 'object' || usage === null) {
    throw new ValidationError('usage must be an object such as { inputTokens, outputTokens }.');
  }
  const input = tokens(usage, 'inputTokens');
  const cached = tokens(usage, 'cachedInputTokens');
  const cacheWrite = tokens(usage, 'cacheWriteTokens');
  const output = tokens(usage, 'outputTokens');
  const uncached = Math.max(0, input - cached - cacheWrite);
  const perToken = (pricePerMillion: number) => pricePerMillion / 1_000_000;
  const inputCost = uncached * perToken(pricing.inputPerMillion);
  const cachedInputCost =
    cached * perToken(pricing.cachedInputPerMillion ?? pricing.inputPerMillion);
  const cacheWriteCost =
    cacheWrite * perToken(pricing.cacheWritePerMillion ?? pricing.inputPerMillion);
  const outputCost = output * perToken(pricing.outputPerMillion);
  return {
    inputCost,
    cachedInputCost,
    cacheWriteCost,
    outputCost,
    totalCost: inputCost + cachedInputCost + cacheWriteCost + outputCost,
    currency: 'USD',
  };
}
