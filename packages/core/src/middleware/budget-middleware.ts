import type { Budget } from '../models/budget.js';
import type { Usage } from '../types/usage.js';
import type { ChatMiddleware } from './chat-middleware.js';

export interface BudgetMiddlewareOptions {
  /** The model id to price calls with; defaults to the wrapped model's id. */
  pricingModel?: string;
}

/**
 * Refuses a call whose worst-case cost (its prompt plus its output limit) would exceed
 * what is left of `budget`, with a `BudgetExceededError` and before any request; records
 * what each call really cost. Concurrent calls reserve their worst case, so together they
 * never overspend.
 *
 * @example
 * const budget = createBudget({ maxCostUSD: 5 });
 * const model = wrapModel(openai.chat('gpt-4o-mini'), [budgetMiddleware(budget)]);
 */
export function budgetMiddleware(
  budget: Budget,
  options: BudgetMiddlewareOptions = {},
): ChatMiddleware {
  return {
    name: 'budget',
    async wrapGenerate({ request, model, next }) {
      const reservation = await budget.reserve(request, options.pricingModel ?? model.modelId);
      let response: Awaited<ReturnType<typeof next>>;
      try {
        response = await next();
      } catch (error) {
        reservation.release();
        throw error;
      }
      reservation.commit(response.usage);
      return response;
    },
    async *wrapStream({ request, model, next }) {
      const reservation = await budget.reserve(request, options.pricingModel ?? model.modelId);
      let usage: Usage | undefined;
      try {
        for await (const event of next()) {
          if (event.type === 'usage' || event.type === 'finish') usage = event.usage;
          yield event;
        }
      } finally {
        // Usage reported before a failure or an early stop is still money spent.
        if (usage) reservation.commit(usage);
        else reservation.release();
      }
    },
  };
}
