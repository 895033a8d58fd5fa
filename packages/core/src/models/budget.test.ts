import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/errors.js';
import { mockChatModel } from '../testing/mock-chat-model.js';
import { countTokens } from '../tokens/index.js';
import type { ChatRequest } from '../types/chat-model.js';
import { createBudget } from './budget.js';
import { BudgetExceededError } from './budget-exceeded-error.js';

const request = (maxOutputTokens?: number): ChatRequest => ({
  messages: [{ role: 'user', content: 'Summarise the report.' }],
  ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }),
});
// 1,000 prompt tokens for every request, so that the numbers are easy to follow.
const countRequestTokens = () => 1_000;

describe('createBudget', () => {
  it("estimates the worst case from the prompt and maxOutputTokens, or the model's maximum", async () => {
    const budget = createBudget({ maxCostUSD: 1, countRequestTokens });
    const capped = await budget.estimate(request(500), 'gpt-4o-mini');
    expect(capped).toMatchObject({ modelId: 'gpt-4o-mini', inputTokens: 1_000, outputTokens: 500 });
    expect(capped.worstCaseCost).toBeCloseTo((1_000 * 0.15 + 500 * 0.6) / 1e6, 12);
    expect((await budget.estimate(request(), 'gpt-4o-mini')).outputTokens).toBe(16_384);
  });

  it('refuses a call whose worst case exceeds what remains, before the model is called', async () => {
    // gpt-4o: 1,000 in + 1,000 out = $0.0125 worst case.
    const budget = createBudget({ maxCostUSD: 0.02, countRequestTokens });
    const model = mockChatModel({
      replies: [{ text: 'ok', usage: { inputTokens: 1_000, outputTokens: 1_000 } }],
    });
    const guarded = async () => {
      await budget.check(request(1_000), 'gpt-4o');
      budget.record((await model.generate(request(1_000))).usage, 'gpt-4o');
    };
    await guarded();
    expect(budget.spent()).toBeCloseTo(0.0125, 12);
    const refusal = await guarded().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(BudgetExceededError);
    expect(refusal).toMatchObject({ code: 'budget_exceeded', limitUSD: 0.02, modelId: 'gpt-4o' });
    expect((refusal as Error).message).toMatch(
      /could cost up to \$0\.012500 .* only \$0\.007500 of \$0\.02 remains/,
    );
    expect(model.calls).toHaveLength(1);
  });

  it('lets a call that uses exactly the rest of the budget through', async () => {
    const budget = createBudget({ maxCostUSD: 0.0125, countRequestTokens });
    await expect(budget.check(request(1_000), 'gpt-4o')).resolves.toMatchObject({
      worstCaseCost: 0.0125,
    });
  });

  it('never lets concurrent reservations together exceed the limit', async () => {
    const budget = createBudget({ maxCostUSD: 0.05, countRequestTokens });
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, () => budget.reserve(request(1_000), 'gpt-4o')),
    );
    const granted = attempts.filter((a) => a.status === 'fulfilled');
    expect(granted).toHaveLength(4);
    expect(
      attempts
        .filter((a) => a.status === 'rejected')
        .every((a) => BudgetExceededError.isInstance(a.reason)),
    ).toBe(true);
    expect(budget.remaining()).toBeCloseTo(0, 12);
    // A released reservation frees its money; a committed one records the real cost.
    const [first, second] = granted.map(
      (a) => (a as PromiseFulfilledResult<{ release(): void; commit(u: object): number }>).value,
    );
    first?.release();
    expect(second?.commit({ inputTokens: 1_000, outputTokens: 10 })).toBeCloseTo(0.0026, 12);
    expect(budget.spent()).toBeCloseTo(0.0026, 12);
    expect(budget.remaining()).toBeCloseTo(0.05 - 0.0026 - 2 * 0.0125, 12);
  });

  it('counts the prompt with the local tokenizer by default', async () => {
    const budget = createBudget({ maxCostUSD: 1 });
    const estimate = await budget.estimate(request(10), 'gpt-4o');
    const text = await countTokens('Summarise the report.', { model: 'gpt-4o' });
    // The text, its role ("user", 1 token), + 3 per message + 3 reply priming (OpenAI's cookbook).
    expect(estimate.inputTokens).toBe(text + 1 + 3 + 3);
    expect(text).toBeGreaterThan(3);
  });

  it('refuses a negative, infinite or missing limit, and an unknown model', async () => {
    for (const maxCostUSD of [-1, Number.POSITIVE_INFINITY, Number.NaN, undefined]) {
      expect(() => createBudget({ maxCostUSD: maxCostUSD as number })).toThrow(ValidationError);
    }
    expect(() => createBudget({ maxCostUSD: -0.5 })).toThrow(
      /maxCostUSD must be a finite number >= 0/,
    );
    const budget = createBudget({ maxCostUSD: 1, countRequestTokens });
    await expect(budget.check(request(), 'my-local-model')).rejects.toThrow(/No price is known/);
  });
});
