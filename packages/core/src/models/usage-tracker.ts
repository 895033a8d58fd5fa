import type { Usage } from '../types/usage.js';
import { estimateCost } from './estimate-cost.js';
import type { ModelCatalog } from './model-catalog.js';
import type { ModelInfo } from './model-info.js';

/** Tokens and cost of the calls to one model. */
export interface ModelUsageTotal {
  modelId: string;
  calls: number;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  /** In USD; `undefined` when the model has no known price. */
  cost: number | undefined;
}

/** Everything a tracker has seen. */
export interface UsageTotal {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** In USD, over the models with a known price. */
  cost: number;
  /** Models whose calls are left out of `cost`, because their price is unknown. */
  unpricedModels: string[];
  byModel: ModelUsageTotal[];
}

/** Adds up usage and cost across calls and models. */
export interface UsageTracker {
  /**
   * Records one call's usage. Takes a `Usage`, or a result with a `usage` field or promise
   * (`generateText`'s and `streamText`'s results). Returns the call's cost, if known.
   */
  add(
    usage: Usage | { usage: Usage | PromiseLike<Usage> },
    model: string | ModelInfo,
  ): Promise<number | undefined>;
  total(): UsageTotal;
  reset(): void;
}

function isUsageHolder(value: unknown): value is { usage: Usage | PromiseLike<Usage> } {
  return typeof value === 'object' && value !== null && 'usage' in value;
}

/**
 * A usage and cost accumulator. Calls to unknown models are counted in tokens and listed in
 * `unpricedModels` rather than throwing, so that tracking never breaks an app.
 *
 * @example
 * const tracker = createUsageTracker();
 * await tracker.add(await generateText({ model, prompt }), model.modelId);
 * tracker.total().cost; // USD
 */
export function createUsageTracker(options: { catalog?: ModelCatalog } = {}): UsageTracker {
  const byModel = new Map<string, ModelUsageTotal>();

  const record = (usage: Usage, model: string | ModelInfo): number | undefined => {
    const modelId = typeof model === 'string' ? model : model.id;
    let cost: number | undefined;
    try {
      cost = estimateCost(usage, model, { catalog: options.catalog }).totalCost;
    } catch {
      cost = undefined;
    }
    const entry = byModel.get(modelId) ?? {
      modelId,
      calls: 0,
      inputTokens: 0,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 0,
      reasoningTokens: 0,
      cost: 0,
    };
    const safe = (value: number | undefined) =>
      typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
    entry.calls += 1;
    entry.inputTokens += safe(usage.inputTokens);
    entry.cachedInputTokens += safe(usage.cachedInputTokens);
    entry.cacheWriteTokens += safe(usage.cacheWriteTokens);
    entry.outputTokens += safe(usage.outputTokens);
    entry.reasoningTokens += safe(usage.reasoningTokens);
    // One unpriced call makes the model's cost unknown, rather than silently low.
    entry.cost = cost === undefined || entry.cost === undefined ? undefined : entry.cost + cost;
    byModel.set(modelId, entry);
    return cost;
  };

  return {
    async add(usageOrResult, model) {
      const usage = isUsageHolder(usageOrResult) ? await usageOrResult.usage : usageOrResult;
      return record(usage ?? {}, model);
    },
    total() {
      const models = [...byModel.values()].map((entry) => ({ ...entry }));
      return {
        calls: models.reduce((sum, entry) => sum + entry.calls, 0),
        inputTokens: models.reduce((sum, entry) => sum + entry.inputTokens, 0),
        outputTokens: models.reduce((sum, entry) => sum + entry.outputTokens, 0),
        cost: models.reduce((sum, entry) => sum + (entry.cost ?? 0), 0),
        unpricedModels: models.filter((entry) => entry.cost === undefined).map((e) => e.modelId),
        byModel: models,
      };
    },
    reset() {
      byModel.clear();
    },
  };
}
