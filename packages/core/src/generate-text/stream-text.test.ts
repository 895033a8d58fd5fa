import { describe, expect, it } from 'vitest';
import { AbortError, ProviderError } from '../errors/errors.js';
import { mockChatModel } from '../testing/mock-chat-model.js';
import { textStreamEvents } from '../testing/stream-helpers.js';
import type { ChatStreamEvent } from '../types/chat-model.js';
import { generateText } from './generate-text.js';
import { streamText } from './stream-text.js';

const events = textStreamEvents({
  deltas: ['Hel', 'lo', '!'],
  toolCalls: [{ toolCallId: 't1', toolName: 'lookup', input: { q: 'x' } }],
  usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
  finishReason: 'tool-calls',
});

describe('streamText', () => {
  it('lets several readers each see the whole stream, whenever they start', async () => {
    const result = streamText({ model: mockChatModel({ replies: [{ events }] }), prompt: 'hi' });
    const first: ChatStreamEvent[] = [];
    for await (const event of result) first.push(event);
    const texts: string[] = [];
    for await (const delta of result.textStream) texts.push(delta);
    expect(first).toEqual(events);
    expect(texts).toEqual(['Hel', 'lo', '!']);
    expect(await result.text).toBe('Hello!');
    expect(await result.toolCalls).toEqual([
      { toolCallId: 't1', toolName: 'lookup', input: { q: 'x' }, inputText: '{"q":"x"}' },
    ]);
    expect(await result.usage).toEqual({ inputTokens: 3, outputTokens: 4, totalTokens: 7 });
    expect(await result.finishReason).toBe('tool-calls');
    expect(await result.warnings).toEqual([]);
  });

  it('settles its promises without anyone iterating', async () => {
    const result = streamText({ model: mockChatModel({ replies: ['just text'] }), prompt: 'hi' });
    expect(await result.text).toBe('just text');
  });

  it('reports a stream error through the events, textStream and the promises; usage still resolves', async () => {
    const failure = new ProviderError('broken', { code: 'connection_error' });
    const broken: ChatStreamEvent[] = [
      { type: 'start', warnings: [] },
      { type: 'text-delta', delta: 'partial' },
      { type: 'usage', usage: { inputTokens: 5 } },
      { type: 'error', error: failure },
    ];
    const result = streamText({
      model: mockChatModel({ replies: [{ events: broken }] }),
      prompt: 'hi',
    });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const delta of result.textStream) seen.push(delta);
      })(),
    ).rejects.toBe(failure);
    expect(seen).toEqual(['partial']);
    await expect(result.text).rejects.toBe(failure);
    await expect(result.finishReason).rejects.toBe(failure);
    await expect(result.content).rejects.toBe(failure);
    expect(await result.usage).toEqual({ inputTokens: 5 });
  });

  it('turns a model that throws before its first event into an error event', async () => {
    const failure = new ProviderError('unreachable', { code: 'connection_error' });
    const result = streamText({
      model: mockChatModel({ replies: [{ error: failure }] }),
      prompt: 'hi',
    });
    const all: ChatStreamEvent[] = [];
    for await (const event of result) all.push(event);
    expect(all).toEqual([{ type: 'error', error: failure }]);
    expect(await result.usage).toEqual({});
  });

  it('treats a stream that ends without finish as incomplete', async () => {
    const truncated: ChatStreamEvent[] = [
      { type: 'start', warnings: [] },
      { type: 'text-delta', delta: 'a' },
    ];
    const result = streamText({
      model: mockChatModel({ replies: [{ events: truncated }] }),
      prompt: 'hi',
    });
    await expect(result.text).rejects.toMatchObject({ code: 'stream_incomplete' });
  });

  it('passes an aborted signal on to the model, which ends with AbortError', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = streamText({
      model: mockChatModel({ replies: [{ events }] }),
      prompt: 'hi',
      signal: controller.signal,
    });
    await expect(result.text).rejects.toBeInstanceOf(AbortError);
  });

  it('records the request the model received', async () => {
    const model = mockChatModel({ replies: ['ok'] });
    await streamText({ model, system: 'Be brief.', prompt: 'hi', temperature: 0.3, maxRetries: 1 })
      .text;
    expect(model.calls[0]?.method).toBe('stream');
    expect(model.calls[0]?.request).toMatchObject({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ],
      temperature: 0.3,
    });
    expect(model.calls[0]?.options.maxRetries).toBe(1);
  });
});

it('collects content parts in order, merging consecutive deltas of one kind', async () => {
  const interleaved: ChatStreamEvent[] = [
    { type: 'start', warnings: [] },
    { type: 'reasoning-delta', delta: 'Think' },
    { type: 'reasoning-delta', delta: 'ing.' },
    { type: 'reasoning-delta', delta: '', signature: 'sig-1' },
    { type: 'text-delta', delta: 'Let me ' },
    { type: 'text-delta', delta: 'check.' },
    {
      type: 'tool-call',
      toolCallId: 't1',
      toolName: 'lookup',
      input: { q: 1 },
      inputText: '{"q":1}',
    },
    { type: 'text-delta', delta: 'Done.' },
    { type: 'usage', usage: {} },
    { type: 'finish', finishReason: 'stop', usage: {}, response: {} },
  ];
  const result = streamText({
    model: mockChatModel({ replies: [{ events: interleaved }] }),
    prompt: 'hi',
  });
  expect(await result.content).toEqual([
    { type: 'reasoning', text: 'Thinking.', signature: 'sig-1' },
    { type: 'text', text: 'Let me check.' },
    { type: 'tool-call', toolCallId: 't1', toolName: 'lookup', input: { q: 1 } },
    { type: 'text', text: 'Done.' },
  ]);
});

describe('mockChatModel', () => {
  it('replays replies in order, repeating the last, for generate', async () => {
    const model = mockChatModel({ replies: ['one', { text: 'two', usage: { outputTokens: 1 } }] });
    const texts = [];
    for (let i = 0; i < 3; i++) texts.push((await generateText({ model, prompt: `q${i}` })).text);
    expect(texts).toEqual(['one', 'two', 'two']);
    expect(model.calls.map((c) => c.request.messages[0]?.content)).toEqual(['q0', 'q1', 'q2']);
  });

  it('computes replies from the request with a function', async () => {
    const model = mockChatModel({
      replies: [(request) => `echo: ${String(request.messages.at(-1)?.content)}`],
    });
    expect((await generateText({ model, prompt: 'ping' })).text).toBe('echo: ping');
  });
});
