import { countRequestTokens } from '../context/count-prompt-tokens.js';
import { ValidationError } from '../errors/errors.js';
import type { ChatRequest } from '../types/chat-model.js';
import type { Usage } from '../types/usage.js';
import { BudgetExceededError } from './budget-exceeded-error.js';
import { estimateCost, resolveModelInfo } from './estimate-cost.js';
import type { ModelCatalog } from './model-catalog.js';
import type { ModelInfo } from './model-info.js';

/** Counts the prompt tokens of a request for a model. */
export type RequestTokenCounter = (
  request: ChatRequest,
  model: ModelInfo,
) => number | Promise<number>;

export interface BudgetOptions {
  /** The most to spend, in US dollars, over every call checked against this budget. */
  maxCostUSD: number;
  /** Where model ids are looked up; the default catalog otherwise. */
  catalog?: ModelCatalog;
  /**
   * Counts a request's prompt tokens. Default: `countRequestTokens` (offline; exact for
   * OpenAI models, an o200k estimate for others). Pass your provider's counter to be exact.
   */
  countRequestTokens?: RequestTokenCounter;
}

/** The worst-case cost of one request. */
export interface BudgetEstimate {
  modelId: string;
  inputTokens: number;
  /** `maxOutputTokens` of the request, else the model's maximum output. */
  outputTokens: number;
  /** USD, assuming no prompt-cache discount and a reply of `outputTokens`. */
  worstCaseCost: number;
}

/** Money held for a call in flight; settle it once with `commit` or `release`. */
export interface BudgetReservation extends BudgetEstimate {
  /** Records the call's real cost and frees the reserved amount. Returns the cost. */
  commit(usage: Usage): number;
  /** Frees the reserved amount without recording a cost (the call failed before usage). */
  release(): void;
}

/** A spending limit that refuses calls before they are sent. */
export interface Budget {
  readonly limitUSD: number;
  /** USD recorded so far. */
  spent(): number;
  /** USD left, less what calls in flight have reserved. */
  remaining(): number;
  /** The worst-case cost of a request, without checking or holding anything. */
  estimate(request: ChatRequest, model: string | ModelInfo): Promise<BudgetEstimate>;
  /** Throws `BudgetExceededError` if the request's worst case exceeds what remains. */
  check(request: ChatRequest, model: string | ModelInfo): Promise<BudgetEstimate>;
  /**
   * `check`, then holds the worst case until the call settles, so that concurrent calls
   * cannot together overspend. For middleware.
   */
  reserve(request: ChatRequest, model: string | ModelInfo): Promise<BudgetReservation>;
  /** Records a finished call's cost. Returns it. */
  record(usage: Usage, model: string | ModelInfo): number;
}

// Float sums of prices drift by ~1e-17; a call that exactly uses the rest must pass.
const tolerance = 1e-12;

/**
 * A cost budget. `check` (or `reserve`) estimates the worst case of a request, its prompt
 * tokens plus its `maxOutputTokens` (or the model's maximum), and throws a
 * `BudgetExceededError` before anything is sent when it would exceed what remains;
 * `record` adds what a call really cost. A negative or non-finite limit is a
 * `ValidationError`. Models without a known price are refused with a `ValidationError`.
 *
 * @example
 * const budget = createBudget({ maxCostUSD: 0.5 });
 * await budget.check(request, 'gpt-4o-mini');
 * budget.record((await model.generate(request)).usage, 'gpt-4o-mini');
 */
export function createBudget(options: BudgetOptions): Budget {
  const limit = options?.maxCostUSD;
  if (typeof limit !== 'number' || !Number.isFinite(limit) || limit < 0) {
    throw new ValidationError(
      `maxCostUSD must be a finite number >= 0 (US dollars), got ${String(limit)}.`,
      { issues: [{ path: ['maxCostUSD'], message: 'must be a finite number >= 0' }] },
    );
  }
  const countTokens = options.countRequestTokens ?? countRequestTokens;
  if (typeof countTokens !== 'function') {
    throw new ValidationError('countRequestTokens must be a function.', {
      issues: [{ path: ['countRequestTokens'], message: 'must be a function' }],
    });
  }
  let spent = 0;
  let reserved = 0;

  const estimate = async (
    request: ChatRequest,
    model: string | ModelInfo,
  ): Promise<BudgetEstimate> => {
    const info = resolveModelInfo(model, options.catalog);
    const inputTokens = await countTokens(request, info);
    const outputTokens =
      request.maxOutputTokens ??
      info.maxOutputTokens ??
      Math.max(0, info.contextWindow - inputTokens);
    const { totalCost } = estimateCost({ inputTokens, outputTokens }, info);
    return { modelId: info.id, inputTokens, outputTokens, worstCaseCost: totalCost };
  };

  const refuseIfOver = (found: BudgetEstimate): void => {
    const committed = spent + reserved;
    if (committed + found.worstCaseCost > limit + tolerance) {
      throw new BudgetExceededError(
        `Budget exceeded: this call to ${found.modelId} could cost up to $${found.worstCaseCost.toFixed(6)} (${found.inputTokens} input + ${found.outputTokens} output tokens), but only $${Math.max(0, limit - committed).toFixed(6)} of $${limit} remains. Nothing was sent.`,
        {
          limitUSD: limit,
          spentUSD: committed,
          estimatedCostUSD: found.worstCaseCost,
          modelId: found.modelId,
        },
      );
    }
  };

  const record = (usage: Usage, model: string | ModelInfo): number => {
    const cost = estimateCost(usage, resolveModelInfo(model, options.catalog)).totalCost;
    spent += cost;
    return cost;
  };

  return {
    limitUSD: limit,
    spent: () => spent,
    remaining: () => Math.max(0, limit - spent - reserved),
    estimate,
    async check(request, model) {
      const found = await estimate(request, model);
      refuseIfOver(found);
      return found;
    },
    async reserve(request, model) {
      const found = await estimate(request, model);
      // No await between the check and the hold: concurrent reservations see each other.
      refuseIfOver(found);
      reserved += found.worstCaseCost;
      let settled = false;
      const free = () => {
        if (settled) return false;
        settled = true;
        reserved -= found.worstCaseCost;
        return true;
      };
      return {
        ...found,
        commit(usage) {
          if (!free()) throw new ValidationError('This budget reservation was already settled.');
          return record(usage, model);
        },
        release() {
          free();
        },
      };
    },
    record,
  };
}
