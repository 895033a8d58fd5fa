import { describe, expect, it } from 'vitest';
import {
  AbortError,
  InvalidRequestError,
  ProviderError,
  RateLimitError,
} from '../errors/errors.js';
import { mockChatModel } from '../testing/mock-chat-model.js';
import { collectEvents, textStreamEvents } from '../testing/stream-helpers.js';
import type { ChatRequest, ChatStreamEvent } from '../types/chat-model.js';
import { retryMiddleware } from './retry-middleware.js';
import { wrapModel } from './wrap-model.js';

const request: ChatRequest = { messages: [{ role: 'user', content: 'Hi' }] };
const overloaded = () => new ProviderError('overloaded', { status: 529, retryable: true });

function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe('retryMiddleware: generate', () => {
  it('retries retryable errors with jittered backoff and tells onRetry', async () => {
    const inner = mockChatModel({
      replies: [{ error: overloaded() }, { error: overloaded() }, 'ok'],
    });
    const { waits, sleep } = recordingSleep();
    const model = wrapModel(inner, [
      retryMiddleware({ maxRetries: 3, initialDelayMs: 100, random: () => 1, sleep }),
    ]);
    const retries: number[] = [];
    const response = await model.generate(request, {
      onRetry: (info) => retries.push(info.attempt),
    });
    expect(response.text).toBe('ok');
    expect(waits).toEqual([100, 200]);
    expect(retries).toEqual([1, 2]);
    // One policy governs: the model's own retries are switched off.
    expect(inner.calls.map((call) => call.options.maxRetries)).toEqual([0, 0, 0]);
  });

  it('honours the wait a provider asks for', async () => {
    const limited = new RateLimitError('slow down', { status: 429, retryAfterMs: 1_234 });
    const inner = mockChatModel({ replies: [{ error: limited }, 'ok'] });
    const { waits, sleep } = recordingSleep();
    const model = wrapModel(inner, [retryMiddleware({ maxRetries: 1, sleep })]);
    await model.generate(request);
    expect(waits).toEqual([1_234]);
  });

  it('gives up after maxRetries and throws the last error', async () => {
    const inner = mockChatModel({ replies: [{ error: overloaded() }] });
    const { sleep } = recordingSleep();
    const model = wrapModel(inner, [retryMiddleware({ maxRetries: 2, sleep })]);
    await expect(model.generate(request)).rejects.toBeInstanceOf(ProviderError);
    expect(inner.calls).toHaveLength(3);
  });

  it('does not retry a refused request', async () => {
    const inner = mockChatModel({ replies: [{ error: new InvalidRequestError('bad') }, 'ok'] });
    const model = wrapModel(inner, [retryMiddleware({ maxRetries: 3, sleep: async () => {} })]);
    await expect(model.generate(request)).rejects.toBeInstanceOf(InvalidRequestError);
    expect(inner.calls).toHaveLength(1);
  });

  it('never retries after the caller aborts, even while waiting', async () => {
    const controller = new AbortController();
    const inner = mockChatModel({ replies: [{ error: overloaded() }, 'ok'] });
    const model = wrapModel(inner, [
      retryMiddleware({
        maxRetries: 3,
        sleep: (_ms, signal) =>
          new Promise((_resolve, reject) => {
            signal.addEventListener('abort', () => reject(signal.reason));
            controller.abort();
          }),
      }),
    ]);
    await expect(model.generate(request, { signal: controller.signal })).rejects.toBeInstanceOf(
      AbortError,
    );
    expect(inner.calls).toHaveLength(1);
  });

  it('refuses a negative maxRetries before any call', () => {
    expect(() => retryMiddleware({ maxRetries: -1 })).toThrow(/maxRetries must be a non-negative/);
  });
});

describe('retryMiddleware: stream', () => {
  const okEvents = textStreamEvents({ deltas: ['Hel', 'lo'] });

  it('retries a stream that fails before any content, and the caller sees one start', async () => {
    const failedEarly: ChatStreamEvent[] = [
      { type: 'start', warnings: [] },
      { type: 'error', error: overloaded() },
    ];
    const inner = mockChatModel({
      replies: [{ events: failedEarly }, { error: overloaded() }, { events: okEvents }],
    });
    const model = wrapModel(inner, [retryMiddleware({ maxRetries: 2, sleep: async () => {} })]);
    const events = await collectEvents(model.stream(request));
    expect(events).toEqual(okEvents);
    expect(inner.calls).toHaveLength(3);
  });

  it('does not retry once content has been delivered', async () => {
    const broken: ChatStreamEvent[] = [
      { type: 'start', warnings: [] },
      { type: 'text-delta', delta: 'Hel' },
      { type: 'error', error: overloaded() },
    ];
    const inner = mockChatModel({ replies: [{ events: broken }, { events: okEvents }] });
    const model = wrapModel(inner, [retryMiddleware({ maxRetries: 2, sleep: async () => {} })]);
    const events = await collectEvents(model.stream(request));
    expect(events.map((event) => event.type)).toEqual(['start', 'text-delta', 'error']);
    expect(inner.calls).toHaveLength(1);
  });

  it('rethrows a stream failure it will not retry', async () => {
    const inner = mockChatModel({ replies: [{ error: new InvalidRequestError('bad') }] });
    const model = wrapModel(inner, [retryMiddleware({ maxRetries: 2, sleep: async () => {} })]);
    await expect(collectEvents(model.stream(request))).rejects.toBeInstanceOf(InvalidRequestError);
  });
});
