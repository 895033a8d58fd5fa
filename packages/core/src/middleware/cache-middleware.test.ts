import { describe, expect, it } from 'vitest';
import { ProviderError } from '../errors/errors.js';
import { mockChatModel } from '../testing/mock-chat-model.js';
import { collectEvents, textStreamEvents } from '../testing/stream-helpers.js';
import type { ChatModel, ChatRequest, ChatStreamEvent } from '../types/chat-model.js';
import { cacheMiddleware } from './cache-middleware.js';
import { memoryCacheStore } from './cache-store.js';
import { wrapModel } from './wrap-model.js';

const ask = (content: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  messages: [{ role: 'user', content }],
  ...extra,
});

/** A model whose calls wait until `release()`, counting upstream calls. */
function gatedModel(events = textStreamEvents({ deltas: ['cached', ' answer'] })) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const counts = { generate: 0, stream: 0 };
  const inner = mockChatModel({ replies: [{ events }] });
  const model: ChatModel = {
    ...inner,
    async generate(request, options) {
      counts.generate++;
      await gate;
      return mockChatModel({ replies: ['cached answer'] }).generate(request, options);
    },
    async *stream(request, options) {
      counts.stream++;
      await gate;
      yield* inner.stream(request, options);
    },
  };
  return { model, counts, release: () => open() };
}

describe('cacheMiddleware', () => {
  it('answers a repeated request from the cache and marks it', async () => {
    const inner = mockChatModel({ replies: ['first', 'second'] });
    const model = wrapModel(inner, [cacheMiddleware()]);
    const first = await model.generate(ask('Hi'));
    const again = await model.generate(ask('Hi'), { headers: { 'x-trace': '1' }, timeout: 5_000 });
    expect(first.response.cached).toBeUndefined();
    expect(again.text).toBe('first');
    expect(again.response.cached).toBe(true);
    expect(inner.calls).toHaveLength(1);
  });

  it('keys on the normalized request: settings and messages count, string vs text part does not', async () => {
    const inner = mockChatModel({ replies: [(request) => `t=${request.temperature}`] });
    const model = wrapModel(inner, [cacheMiddleware()]);
    await model.generate(ask('Hi', { temperature: 0 }));
    const sameText = await model.generate({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      temperature: 0,
    });
    expect(sameText.response.cached).toBe(true);
    const hotter = await model.generate(ask('Hi', { temperature: 1 }));
    expect(hotter.text).toBe('t=1');
    await model.generate(ask('Hello', { temperature: 0 }));
    expect(inner.calls).toHaveLength(3);
  });

  it('serves concurrent identical requests with one upstream call', async () => {
    const { model: upstream, counts, release } = gatedModel();
    const model = wrapModel(upstream, [cacheMiddleware()]);
    const calls = Array.from({ length: 5 }, () => model.generate(ask('Hi')));
    await new Promise((resolve) => setTimeout(resolve, 5));
    release();
    const responses = await Promise.all(calls);
    expect(counts.generate).toBe(1);
    expect(responses.map((response) => response.text)).toEqual(Array(5).fill('cached answer'));
    expect(responses.filter((response) => response.response.cached)).toHaveLength(4);
  });

  it('serves concurrent identical streams with one upstream call, each reader getting every event', async () => {
    const { model: upstream, counts, release } = gatedModel();
    const model = wrapModel(upstream, [cacheMiddleware()]);
    const readers = Array.from({ length: 3 }, () => collectEvents(model.stream(ask('Hi'))));
    await new Promise((resolve) => setTimeout(resolve, 5));
    release();
    const results = await Promise.all(readers);
    expect(counts.stream).toBe(1);
    for (const events of results) {
      expect(
        events
          .filter((e) => e.type === 'text-delta')
          .map((e) => e.type === 'text-delta' && e.delta),
      ).toEqual(['cached', ' answer']);
    }
    // The finished stream is now in the cache, replayed event by event.
    const replayed = await collectEvents(model.stream(ask('Hi')));
    expect(counts.stream).toBe(1);
    const finish = replayed.at(-1);
    expect(finish?.type === 'finish' && finish.response.cached).toBe(true);
  });

  it('keeps serving other readers when the first reader of a shared call aborts', async () => {
    const { model: upstream, counts, release } = gatedModel();
    const memory = memoryCacheStore();
    let lookups = 0;
    const store = {
      ...memory,
      get: (key: string) => {
        lookups++;
        return memory.get(key);
      },
    };
    const model = wrapModel(upstream, [cacheMiddleware({ store })]);
    const controller = new AbortController();
    const first = model.generate(ask('Hi'), { signal: controller.signal });
    // The first caller starts the shared upstream call (keys are hashed asynchronously, so
    // the second caller starts only once it has), then the second looks the key up and joins.
    while (counts.generate === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    const second = model.generate(ask('Hi'));
    while (lookups < 2) await new Promise((resolve) => setTimeout(resolve, 1));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(counts.generate).toBe(1);
    controller.abort();
    release();
    // The shared call carried the first caller's signal; the second caller calls again.
    await expect(first).rejects.toMatchObject({ code: 'aborted' });
    expect((await second).text).toBe('cached answer');
    expect(counts.generate).toBe(2);
  });

  it('does not cache errors or broken streams', async () => {
    const broken: ChatStreamEvent[] = [
      { type: 'start', warnings: [] },
      { type: 'text-delta', delta: 'par' },
      { type: 'error', error: new ProviderError('dropped', { code: 'connection_error' }) },
    ];
    const inner = mockChatModel({
      replies: [
        { error: new ProviderError('boom', { status: 500, retryable: true }) },
        'ok',
        { events: broken },
        { events: textStreamEvents({ deltas: ['whole'] }) },
      ],
    });
    const model = wrapModel(inner, [cacheMiddleware()]);
    await expect(model.generate(ask('Hi'))).rejects.toThrow('boom');
    expect((await model.generate(ask('Hi'))).text).toBe('ok');
    await collectEvents(model.stream(ask('Hi')));
    const second = await collectEvents(model.stream(ask('Hi')));
    expect(second.some((e) => e.type === 'text-delta' && e.delta === 'whole')).toBe(true);
    expect(inner.calls).toHaveLength(4);
  });

  it('expires entries after ttlMs and evicts the least recently used', async () => {
    let now = 0;
    const store = memoryCacheStore({ maxEntries: 2, now: () => now });
    const inner = mockChatModel({ replies: [() => `answer ${inner.calls.length}`] });
    const model = wrapModel(inner, [cacheMiddleware({ store, ttlMs: 1_000 })]);
    await model.generate(ask('a'));
    now = 999;
    expect((await model.generate(ask('a'))).response.cached).toBe(true);
    now = 1_000;
    expect((await model.generate(ask('a'))).response.cached).toBeUndefined();
    await model.generate(ask('b'));
    await model.generate(ask('c'));
    expect(store.size).toBe(2);
  });

  it('refuses a negative ttl', () => {
    expect(() => cacheMiddleware({ ttlMs: -5 })).toThrow(/ttlMs must be a positive number/);
  });
});
