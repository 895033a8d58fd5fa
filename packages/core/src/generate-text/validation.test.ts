import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../errors/errors.js';
import { createOpenAI } from '../openai/openai-provider.js';
import type { Message } from '../types/messages.js';
import { generateText } from './generate-text.js';
import { streamText } from './stream-text.js';

/** Bad input is refused with a clear ValidationError, and no request is sent. */

let requests = 0;
const countingFetch: typeof fetch = async () => {
  requests++;
  return new Response('{}', { status: 500 });
};
const model = createOpenAI({
  apiKey: 'sk-validation',
  baseURL: 'https://openai.test/v1',
  fetch: countingFetch,
}).chat('gpt-4o-mini');

const call = { toolCallId: 'call_1', toolName: 'lookup', input: { q: 'x' } };

const cases: Array<[string, Record<string, unknown>, RegExp]> = [
  ['no messages', { messages: [] }, /messages: at least one message is required/],
  ['neither prompt nor messages', {}, /at least one message is required/],
  [
    'an unknown role',
    { messages: [{ role: 'wizard', content: 'hi' }] },
    /messages\.0\.role: unknown role "wizard"/,
  ],
  [
    'a tool result without its call',
    {
      messages: [
        { role: 'user', content: 'hi' },
        {
          role: 'tool',
          content: [{ type: 'tool-result', toolCallId: 'call_404', toolName: 'lookup', output: 1 }],
        },
      ],
    },
    /tool result for "call_404" has no matching tool call/,
  ],
  [
    'a tool result whose call comes later',
    {
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'tool', content: [{ type: 'tool-result', ...call, output: 1 }] },
        { role: 'assistant', content: [{ type: 'tool-call', ...call }] },
      ],
    },
    /no matching tool call/,
  ],
  [
    'a tool name with spaces',
    { prompt: 'hi', tools: [{ name: 'look up', inputSchema: { type: 'object' } }] },
    /tools\.0\.name: tool name "look up" must match/,
  ],
  [
    'a tool name over 64 characters',
    { prompt: 'hi', tools: [{ name: 'x'.repeat(65), inputSchema: { type: 'object' } }] },
    /must match/,
  ],
  [
    'a NaN temperature',
    { prompt: 'hi', temperature: Number.NaN },
    /temperature: must be a finite number, got NaN/,
  ],
  [
    'an infinite temperature',
    { prompt: 'hi', temperature: Number.POSITIVE_INFINITY },
    /temperature: must be a finite number/,
  ],
  ['a negative temperature', { prompt: 'hi', temperature: -1 }, /temperature: must be at least 0/],
  [
    'a fractional maxOutputTokens',
    { prompt: 'hi', maxOutputTokens: 10.5 },
    /maxOutputTokens: must be an integer/,
  ],
  [
    'prompt and messages together',
    { prompt: 'hi', messages: [{ role: 'user', content: 'hi' }] },
    /either `prompt` or `messages`/,
  ],
  ['a negative maxRetries', { prompt: 'hi', maxRetries: -1 }, /maxRetries: must be at least 0/],
  ['a zero timeout', { prompt: 'hi', timeout: 0 }, /timeout: must be at least 1/],
  [
    'a toolChoice naming no tool',
    {
      prompt: 'hi',
      tools: [{ name: 'a', inputSchema: {} }],
      toolChoice: { type: 'tool', toolName: 'b' },
    },
    /toolChoice names "b"/,
  ],
  [
    'duplicate tool names',
    {
      prompt: 'hi',
      tools: [
        { name: 'a', inputSchema: {} },
        { name: 'a', inputSchema: {} },
      ],
    },
    /duplicate tool name "a"/,
  ],
  [
    'an image without url or data',
    { messages: [{ role: 'user', content: [{ type: 'image' }] }] },
    /an image needs `url`/,
  ],
  [
    'a zod schema JSON Schema cannot express',
    { prompt: 'hi', tools: [{ name: 'when', inputSchema: z.object({ at: z.date() }) }] },
    /cannot be represented as JSON Schema/,
  ],
];

describe('input validation before any request', () => {
  it.each(cases)('generateText refuses %s', async (_name, options, message) => {
    requests = 0;
    const error = await generateText({ model, ...options } as Parameters<
      typeof generateText
    >[0]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(message);
    expect(requests).toBe(0);
  });

  it.each(cases)('streamText throws at once for %s', (_name, options, message) => {
    requests = 0;
    expect(() => streamText({ model, ...options } as Parameters<typeof streamText>[0])).toThrow(
      message,
    );
    expect(requests).toBe(0);
  });

  it('a model called directly validates too', async () => {
    requests = 0;
    const messages = [{ role: 'robot', content: 'hi' }] as unknown as Message[];
    await expect(model.generate({ messages })).rejects.toBeInstanceOf(ValidationError);
    const stream = model.stream({ messages: [] })[Symbol.asyncIterator]();
    await expect(stream.next()).rejects.toBeInstanceOf(ValidationError);
    expect(requests).toBe(0);
  });

  it('reports every problem at once, with paths', async () => {
    const error = (await generateText({
      model,
      messages: [{ role: 'wizard', content: 'x' }] as unknown as Message[],
      temperature: Number.NaN,
    }).catch((e: unknown) => e)) as ValidationError;
    expect(error.issues.map((issue) => issue.path.join('.'))).toEqual([
      'messages.0.role',
      'temperature',
    ]);
  });

  it('accepts a valid tool round trip', async () => {
    requests = 0;
    const messages: Message[] = [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: [{ type: 'tool-call', ...call }] },
      { role: 'tool', content: [{ type: 'tool-result', ...call, output: { ok: true } }] },
    ];
    await expect(generateText({ model, messages, maxRetries: 0 })).rejects.not.toBeInstanceOf(
      ValidationError,
    );
    expect(requests).toBe(1);
  });
});
