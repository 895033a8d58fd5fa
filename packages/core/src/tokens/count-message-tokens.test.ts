import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/errors.js';
import type { ToolDefinition } from '../types/tools.js';
import { type CountableMessage, countMessageTokens } from './count-message-tokens.js';
import { countTokens } from './get-tokenizer.js';

// OpenAI's published example conversation, from the cookbook "How to count tokens with
// tiktoken" (openai-cookbook, examples/How_to_count_tokens_with_tiktoken.ipynb).
const cookbookConversation: CountableMessage[] = [
  {
    role: 'system',
    content:
      'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.',
  },
  {
    role: 'system',
    name: 'example_user',
    content: 'New synergies will help drive top-line growth.',
  },
  {
    role: 'system',
    name: 'example_assistant',
    content: 'Things working well together will increase revenue.',
  },
  {
    role: 'system',
    name: 'example_user',
    content:
      "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.",
  },
  {
    role: 'system',
    name: 'example_assistant',
    content: "Let's talk later when we're less busy about how to do better.",
  },
  {
    role: 'user',
    content:
      "This late pivot means we don't have time to boil the ocean for the client deliverable.",
  },
];

// The cookbook's function-calling example: one tool, a system prompt and a question.
const weatherTools: ToolDefinition[] = [
  {
    name: 'get_current_weather',
    description: 'Get the current weather in a given location',
    inputSchema: {
      type: 'object',
      properties: {
        location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
        unit: {
          type: 'string',
          description: 'The unit of temperature to return',
          enum: ['celsius', 'fahrenheit'],
        },
      },
      required: ['location'],
    },
  },
];
const weatherMessages: CountableMessage[] = [
  {
    role: 'system',
    content: 'You are a helpful assistant that can answer to questions about the weather.',
  },
  { role: 'user', content: "What's the weather like in San Francisco?" },
];

describe('countMessageTokens', () => {
  it.each([
    // prompt_tokens the OpenAI API reported for this conversation, as printed in the cookbook:
    // 129 for gpt-3.5-turbo-0613 and gpt-4-0613, 124 for gpt-4o and gpt-4o-mini.
    ['gpt-3.5-turbo-0613', 129],
    ['gpt-4-0613', 129],
    ['gpt-4', 129],
    ['gpt-4o', 124],
    ['gpt-4o-mini', 124],
  ])("gives the API's prompt tokens for the cookbook conversation on %s", async (model, tokens) => {
    expect(await countMessageTokens(cookbookConversation, { model })).toBe(tokens);
  });

  it.each([
    // The cookbook's function-calling example prints 105 prompt tokens for gpt-3.5-turbo and
    // gpt-4, 101 for gpt-4o and gpt-4o-mini (its estimate and the API agree).
    ['gpt-4', 105],
    ['gpt-4o', 101],
  ])('counts tool definitions by the cookbook approximation on %s', async (model, tokens) => {
    expect(await countMessageTokens(weatherMessages, { model, tools: weatherTools })).toBe(tokens);
  });

  it('adds the wrapping, the role and one token per name to the content', async () => {
    const content = 'How many tokens is this sentence?';
    const contentTokens = await countTokens(content, { model: 'gpt-4o' });
    const plain = await countMessageTokens([{ role: 'user', content }], { model: 'gpt-4o' });
    // 3 per message + "user" (1) + content + 3 for the reply priming.
    expect(plain).toBe(3 + 1 + contentTokens + 3);
    const named = await countMessageTokens([{ role: 'user', content, name: 'ada' }], {
      model: 'gpt-4o',
    });
    expect(named).toBe(plain + 1 + (await countTokens('ada', { model: 'gpt-4o' })));
  });

  it('counts text parts as their concatenation and leaves images out', async () => {
    const asString = await countMessageTokens(
      [{ role: 'user', content: 'Describe this picture.' }],
      {
        model: 'gpt-4o',
      },
    );
    const asParts = await countMessageTokens(
      [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe ' },
            { type: 'image', url: 'https://example.com/cat.png' },
            { type: 'text', text: 'this picture.' },
          ],
        },
      ],
      { model: 'gpt-4o' },
    );
    expect(asParts).toBe(asString);
  });

  it('counts tool calls and each tool result as its own message', async () => {
    const call: CountableMessage = {
      role: 'assistant',
      content: [
        { type: 'tool-call', toolCallId: 'c1', toolName: 'lookup', input: { city: 'Paris' } },
      ],
    };
    const results: CountableMessage = {
      role: 'tool',
      content: [
        { type: 'tool-result', toolCallId: 'c1', toolName: 'lookup', output: 'sunny' },
        { type: 'tool-result', toolCallId: 'c2', toolName: 'lookup', output: { temp: 21 } },
      ],
    };
    const model = 'gpt-4o';
    const callOnly = await countMessageTokens([call], { model });
    const withResults = await countMessageTokens([call, results], { model });
    const perResult = async (text: string) => 3 + 1 + (await countTokens(text, { model }));
    expect(withResults - callOnly).toBe(
      (await perResult('sunny')) + (await perResult('{"temp":21}')),
    );
    // 3 + "assistant" + 3 framing + "lookup" + '{"city":"Paris"}' + 3 priming
    const expectedCall =
      3 +
      1 +
      3 +
      (await countTokens('lookup', { model })) +
      (await countTokens('{"city":"Paris"}', { model })) +
      3;
    expect(callOnly).toBe(expectedCall);
  });

  it('refuses what is not a list of messages, before loading a tokenizer', async () => {
    await expect(countMessageTokens('hello' as never, { model: 'gpt-4o' })).rejects.toThrow(
      ValidationError,
    );
    await expect(
      countMessageTokens([{ role: 'robot', content: 'x' }] as never, { model: 'gpt-4o' }),
    ).rejects.toThrow(/messages\.0/);
    await expect(
      countMessageTokens([{ role: 'user', content: 'x' }], { model: 'claude-sonnet-4-5' }),
    ).rejects.toThrow(/encoding/);
  });
});
