import { describe, expect, it } from 'vitest';
import { generateText } from '../generate-text/generate-text.js';
import { streamText } from '../generate-text/stream-text.js';
import { createBudget } from '../models/budget.js';
import { BudgetExceededError } from '../models/budget-exceeded-error.js';
import { mockChatModel } from '../testing/mock-chat-model.js';
import { budgetMiddleware } from './budget-middleware.js';
import { wrapModel } from './wrap-model.js';

const usage = { inputTokens: 1_000, outputTokens: 1_000, totalTokens: 2_000 };

describe('budgetMiddleware', () => {
  it('records what calls cost and refuses the call that would overspend, before sending it', async () => {
    const inner = mockChatModel({ modelId: 'gpt-4o', replies: [{ text: 'ok', usage }] });
    // gpt-4o: $2.50 in + $10 out per million; each call costs $0.0125, worst case with 1,000 output tokens ~ $0.0101.
    const budget = createBudget({ maxCostUSD: 0.03 });
    const model = wrapModel(inner, [budgetMiddleware(budget)]);
    await generateText({ model, prompt: 'hi', maxOutputTokens: 1_000 });
    await generateText({ model, prompt: 'hi', maxOutputTokens: 1_000 });
    expect(budget.spent()).toBeCloseTo(0.025, 6);
    await expect(
      generateText({ model, prompt: 'hi', maxOutputTokens: 1_000 }),
    ).rejects.toBeInstanceOf(BudgetExceededError);
    expect(inner.calls).toHaveLength(2);
  });

  it('lets concurrent calls together stay within the budget', async () => {
    const inner = mockChatModel({ modelId: 'gpt-4o', replies: [{ text: 'ok', usage }] });
    const budget = createBudget({ maxCostUSD: 0.05 });
    const model = wrapModel(inner, [budgetMiddleware(budget)]);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        generateText({ model, prompt: 'hi', maxOutputTokens: 1_000 }),
      ),
    );
    const refused = results.filter((result) => result.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((result) => BudgetExceededError.isInstance(result.reason))).toBe(true);
    expect(budget.spent()).toBeLessThanOrEqual(0.05);
    expect(inner.calls.length).toBe(10 - refused.length);
  });

  it('records the usage of a stream', async () => {
    const inner = mockChatModel({ modelId: 'gpt-4o', replies: [{ text: 'streamed', usage }] });
    const budget = createBudget({ maxCostUSD: 1 });
    const result = streamText({
      model: wrapModel(inner, [budgetMiddleware(budget)]),
      prompt: 'hi',
      maxOutputTokens: 100,
    });
    expect(await result.text).toBe('streamed');
    expect(budget.spent()).toBeCloseTo(0.0125, 6);
  });
});
