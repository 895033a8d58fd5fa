import { describe, expect, it } from 'vitest';
import { generateText } from '../generate-text/generate-text.js';
import { streamText } from '../generate-text/stream-text.js';
import { mockChatModel } from '../testing/mock-chat-model.js';
import { createUsageTracker } from './usage-tracker.js';

describe('createUsageTracker', () => {
  it('adds up tokens and cost per model across generateText and streamText results', async () => {
    const tracker = createUsageTracker();
    const model = mockChatModel({
      replies: [{ text: 'a', usage: { inputTokens: 1_000, outputTokens: 100 } }],
    });
    await tracker.add(await generateText({ model, prompt: 'one' }), 'gpt-4o-mini');
    await tracker.add(streamText({ model, prompt: 'two' }), 'gpt-4o-mini');
    await tracker.add({ inputTokens: 2_000, outputTokens: 0 }, 'claude-haiku-4-5');

    const total = tracker.total();
    expect(total.calls).toBe(3);
    expect(total.inputTokens).toBe(4_000);
    expect(total.outputTokens).toBe(200);
    const mini = total.byModel.find((entry) => entry.modelId === 'gpt-4o-mini');
    expect(mini).toMatchObject({ calls: 2, inputTokens: 2_000, outputTokens: 200 });
    expect(mini?.cost).toBeCloseTo((2_000 * 0.15 + 200 * 0.6) / 1e6, 12);
    expect(total.cost).toBeCloseTo((2_000 * 0.15 + 200 * 0.6 + 2_000 * 1) / 1e6, 12);
    expect(total.unpricedModels).toEqual([]);
  });

  it('counts an unknown model in tokens and lists it as unpriced instead of throwing', async () => {
    const tracker = createUsageTracker();
    expect(await tracker.add({ inputTokens: 10, outputTokens: 5 }, 'llama3.2')).toBeUndefined();
    await tracker.add({ inputTokens: 1_000_000 }, 'gpt-4o');
    const total = tracker.total();
    expect(total.unpricedModels).toEqual(['llama3.2']);
    expect(total.inputTokens).toBe(1_000_010);
    expect(total.cost).toBeCloseTo(2.5, 10);
  });

  it('starts again from zero after reset', async () => {
    const tracker = createUsageTracker();
    await tracker.add({ inputTokens: 10 }, 'gpt-4o');
    tracker.reset();
    expect(tracker.total()).toMatchObject({ calls: 0, cost: 0, byModel: [] });
  });
});
