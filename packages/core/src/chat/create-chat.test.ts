import { describe, expect, it } from 'vitest';
import { ContextLengthError, ProviderError, ValidationError } from '../errors/errors.js';
import { mockChatModel } from '../testing/mock-chat-model.js';
import { textStreamEvents } from '../testing/stream-helpers.js';
import type { ChatRequest } from '../types/chat-model.js';
import type { Message } from '../types/messages.js';
import { createChat, restoreChat } from './create-chat.js';

// One token per character of text, so that budgets are easy to follow.
const countChars = (messages: Message[]) =>
  messages.reduce((sum, m) => sum + (typeof m.content === 'string' ? m.content.length : 10), 0);
const echo = (request: ChatRequest) => `re:${String(request.messages.at(-1)?.content)}`;
const sent = (request: ChatRequest | undefined) =>
  request?.messages.map((m) => `${m.role}:${String(m.content)}`);

describe('createChat', () => {
  it('keeps the history across turns and sends it with the system prompt', async () => {
    const model = mockChatModel({ replies: [echo] });
    const chat = createChat({ model, system: 'Be brief.', temperature: 0.2 });
    await chat.send('My name is Ada.');
    const second = await chat.send('What is my name?', { maxOutputTokens: 50 });
    expect(second.text).toBe('re:What is my name?');
    expect(sent(model.calls[1]?.request)).toEqual([
      'system:Be brief.',
      'user:My name is Ada.',
      'assistant:re:My name is Ada.',
      'user:What is my name?',
    ]);
    expect(model.calls[1]?.request).toMatchObject({ temperature: 0.2, maxOutputTokens: 50 });
    expect(chat.history).toHaveLength(4);
  });

  it('runs concurrent turns one at a time, in the order they were sent', async () => {
    const model = mockChatModel({ replies: [echo] });
    const chat = createChat({ model });
    await Promise.all([chat.send('one'), chat.send('two'), chat.send('three')]);
    expect(chat.history.map((m) => m.content)).toEqual([
      'one',
      're:one',
      'two',
      're:two',
      'three',
      're:three',
    ]);
    expect(model.calls[2]?.request.messages).toHaveLength(5);
  });

  it('leaves the history unchanged when a turn fails', async () => {
    const model = mockChatModel({
      replies: ['fine', { error: new ProviderError('down', { status: 503 }) }, 'back'],
    });
    const chat = createChat({ model });
    await chat.send('a');
    await expect(chat.send('b')).rejects.toThrow('down');
    await chat.send('c');
    expect(chat.history.map((m) => m.content)).toEqual(['a', 'fine', 'c', 'back']);
  });

  it('streams a turn and adds it to the history when the stream completes', async () => {
    const model = mockChatModel({
      replies: [{ events: textStreamEvents({ deltas: ['Hel', 'lo'] }) }, echo],
    });
    const chat = createChat({ model });
    const result = chat.stream('hi');
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);
    expect(deltas).toEqual(['Hel', 'lo']);
    await chat.send('next');
    expect(chat.history.map((m) => m.content)).toEqual(['hi', 'Hello', 'next', 're:next']);
  });

  it('does not add a failed stream to the history', async () => {
    const broken = [
      { type: 'start' as const, warnings: [] },
      { type: 'text-delta' as const, delta: 'par' },
      { type: 'error' as const, error: new ProviderError('cut off') },
    ];
    const model = mockChatModel({ replies: [{ events: broken }, 'ok'] });
    const chat = createChat({ model });
    await expect(chat.stream('hi').text).rejects.toThrow('cut off');
    await chat.send('again');
    expect(chat.history.map((m) => m.content)).toEqual(['again', 'ok']);
  });

  it('keeps tool calls and results in the history', async () => {
    const call = { toolCallId: 'c1', toolName: 'weather', input: { city: 'Oslo' } };
    const model = mockChatModel({
      replies: [{ toolCalls: [{ ...call, inputText: '{"city":"Oslo"}' }] }, 'Sunny.'],
    });
    const chat = createChat({ model });
    await chat.send('Weather in Oslo?');
    await chat.send({ role: 'tool', content: [{ type: 'tool-result', ...call, output: 'sun' }] });
    expect(chat.history[1]).toEqual({
      role: 'assistant',
      content: [{ type: 'tool-call', ...call }],
    });
    expect(model.calls[1]?.request.messages.map((m) => m.role)).toEqual([
      'user',
      'assistant',
      'tool',
    ]);
  });

  it('with window memory, sends only the newest turns that fit and keeps the full history', async () => {
    const model = mockChatModel({ replies: [echo] });
    const chat = createChat({
      model,
      system: 'sys',
      memory: { type: 'window', maxTokens: 30, countMessageTokens: countChars },
    });
    for (const text of ['aaaa', 'bbbb', 'cccc']) await chat.send(text);
    // sys 3 + (4 + 7) per earlier turn + 4: all three turns = 3 + 22 + 4 = 29; the next does not fit.
    await chat.send('dddd');
    expect(sent(model.calls[3]?.request)).toEqual([
      'system:sys',
      'user:bbbb',
      'assistant:re:bbbb',
      'user:cccc',
      'assistant:re:cccc',
      'user:dddd',
    ]);
    expect(chat.history).toHaveLength(8);
  });

  it('with window memory, refuses a turn that alone exceeds the window, sending nothing', async () => {
    const model = mockChatModel({ replies: ['x'] });
    const chat = createChat({
      model,
      memory: { type: 'window', maxTokens: 5, countMessageTokens: countChars },
    });
    await expect(chat.send('far too long')).rejects.toBeInstanceOf(ContextLengthError);
    expect(model.calls).toHaveLength(0);
  });

  it('with summary memory, folds the oldest turns into a summary sent as a system note', async () => {
    const summarizer = mockChatModel({ replies: ['Ada likes tea.'] });
    const model = mockChatModel({ replies: [echo] });
    const chat = createChat({
      model,
      memory: { type: 'summary', maxTokens: 70, summarizer, countMessageTokens: countChars },
    });
    await chat.send('I am Ada, I like tea and long walks by the sea');
    await chat.send('What do I like?');
    expect(summarizer.calls).toHaveLength(1);
    const summaryRequest = summarizer.calls[0]?.request.messages.at(-1)?.content;
    expect(summaryRequest).toContain('user: I am Ada, I like tea and long walks by the sea');
    expect(summaryRequest).toContain('assistant: re:I am Ada, I like tea and long walks');
    expect(sent(model.calls[1]?.request)).toEqual([
      'system:Summary of the earlier conversation:\nAda likes tea.',
      'user:What do I like?',
    ]);
    expect(chat.summary).toBe('Ada likes tea.');
    expect(chat.history).toHaveLength(4);
  });

  it('saves and restores a conversation, summary included', async () => {
    const summarizer = mockChatModel({ replies: ['S1'] });
    const model = mockChatModel({ replies: [echo] });
    const chat = createChat({
      model,
      system: 'sys',
      memory: { type: 'summary', maxTokens: 50, summarizer, countMessageTokens: countChars },
    });
    await chat.send('first message here, quite a long one indeed');
    await chat.send('second');
    const saved = JSON.stringify(chat.toJSON());

    const other = mockChatModel({ replies: [echo] });
    const restored = restoreChat(saved, {
      model: other,
      memory: { type: 'summary', maxTokens: 50, summarizer, countMessageTokens: countChars },
    });
    expect(restored.history).toEqual(chat.history);
    expect(restored.summary).toBe('S1');
    await restored.send('third');
    expect(sent(other.calls[0]?.request)?.slice(0, 2)).toEqual([
      'system:sys',
      'system:Summary of the earlier conversation:\nS1',
    ]);
  });

  it('refuses a malformed save, naming the fields', () => {
    const model = mockChatModel();
    expect(() => restoreChat('{not json', { model })).toThrow(/invalid JSON/);
    expect(() =>
      restoreChat(
        { version: 1, history: [{ role: 'wizard', content: 'x' }], summarizedCount: 5 },
        { model },
      ),
    ).toThrow(/history\.0\.role: unknown role.*summarizedCount: must be an integer from 0 to 1/);
    expect(() => restoreChat({ version: 2, history: [], summarizedCount: 0 }, { model })).toThrow(
      ValidationError,
    );
  });

  it('refuses bad options before any call', () => {
    const model = mockChatModel();
    expect(() => createChat({ model, memory: { type: 'window', maxTokens: -1 } })).toThrow(
      /memory.maxTokens must be a positive integer/,
    );
    // @ts-expect-error not a ChatModel
    expect(() => createChat({ model: {} })).toThrow(/needs a `model`/);
  });

  it('forgets everything on clear, keeping the system prompt', async () => {
    const model = mockChatModel({ replies: [echo] });
    const chat = createChat({ model, system: 'sys' });
    await chat.send('a');
    chat.clear();
    await chat.send('b');
    expect(sent(model.calls[1]?.request)).toEqual(['system:sys', 'user:b']);
  });
});
