import { countMessageTokens, countTokens, estimateCost } from '@weft/core';
import { describe, expect, it } from 'vitest';
import { describeRun, runExample } from '../test-support/run-example.js';

const defaultPrompt =
  'Summarise the attached quarterly report in five bullet points for a busy executive.';
const system = 'You are a concise analyst. Answer in plain English.';

describe('tokens example', () => {
  it('counts the prompt and the chat offline and prices one call', async () => {
    const result = await runExample('tokens/index.ts');

    expect(result.code, describeRun(result)).toBe(0);
    const textTokens = await countTokens(defaultPrompt, { model: 'gpt-4o-mini' });
    const chatTokens = await countMessageTokens(
      [
        { role: 'system', content: system },
        { role: 'user', content: defaultPrompt },
      ],
      { model: 'gpt-4o-mini' },
    );
    const cost = estimateCost({ inputTokens: chatTokens, outputTokens: 300 }, 'gpt-4o-mini');
    expect(result.stdout).toContain('Encoding: o200k_base\n');
    expect(result.stdout).toContain(`Prompt text: ${textTokens} tokens`);
    expect(result.stdout).toContain('Split: [Summ][ar][ise][ the]');
    expect(result.stdout).toContain(`${chatTokens} tokens`);
    expect(result.stdout).toContain(`$${cost.totalCost.toFixed(6)}`);
  });

  it('counts with the encoding of the model named by WEFT_MODEL, and the text given', async () => {
    const result = await runExample('tokens/index.ts', {
      args: ['Hello,', 'world'],
      env: { WEFT_MODEL: 'gpt-4' },
    });

    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain('Encoding: cl100k_base\n');
    expect(result.stdout).toContain('Prompt text: 3 tokens');
    expect(result.stdout).toContain('Split: [Hello][,][ world]');
    // gpt-4 is counted but has no price in the catalog.
    expect(result.stdout).toContain('No price for gpt-4 in the model catalog');
  });

  it('labels the count of a model without a public tokenizer as an estimate', async () => {
    const result = await runExample('tokens/index.ts', {
      env: { WEFT_MODEL: 'claude-sonnet-4-5' },
    });

    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain('Encoding: o200k_base (estimate');
    const cost = estimateCost(
      {
        inputTokens: await countMessageTokens(
          [
            { role: 'system', content: system },
            { role: 'user', content: defaultPrompt },
          ],
          { encoding: 'o200k_base' },
        ),
        outputTokens: 300,
      },
      'claude-sonnet-4-5',
    );
    expect(result.stdout).toContain(`$${cost.totalCost.toFixed(6)}`);
  });
});
