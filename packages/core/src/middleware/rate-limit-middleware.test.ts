import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AbortError, RateLimitError, ValidationError } from '../errors/errors.js';
import { mockChatModel } from '../testing/mock-chat-model.js';
import { collectEvents } from '../testing/stream-helpers.js';
import type { ChatRequest } from '../types/chat-model.js';
import { rateLimitMiddleware } from './rate-limit-middleware.js';
import type { LimiterClock } from './sliding-window-limiter.js';
import { wrapModel } from './wrap-model.js';

/** A clock that moves only when the test says so; sleeping timers are tracked. */
function fakeClock() {
  let time = 0;
  const timers = new Set<{ at: number; fire: () => void }>();
  const clock: LimiterClock = {
    now: () => time,
    sleep: (ms, signal) =>
      new Promise((resolve, reject) => {
        const timer = { at: time + ms, fire: resolve };
        timers.add(timer);
        signal.addEventListener(
          'abort',
          () => {
            timers.delete(timer);
            reject(signal.reason);
          },
          { once: true },
        );
      }),
  };
  const settle = async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  /** Runs until `done` settles, jumping the clock to each next timer. */
  const run = async <T>(done: Promise<T>): Promise<T> => {
    let finished = false;
    const watched = done.finally(() => {
      finished = true;
    });
    for (;;) {
      await settle();
      if (finished) return watched;
      const next = [...timers].sort((a, b) => a.at - b.at)[0];
      if (!next) return watched;
      timers.delete(next);
      time = next.at;
      next.fire();
    }
  };
  return { clock, run, timers, now: () => time };
}

const ask = (tokens: number): ChatRequest => ({
  messages: [{ role: 'user', content: String(tokens) }],
});
const tokensOf = (request: ChatRequest) => Number(request.messages[0]?.content);

describe('rateLimitMiddleware', () => {
  it('never exceeds requests or tokens per window across concurrent calls (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 100, max: 1_000 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 40 }),
        async (requestsPerMinute, tokensPerMinute, sizes) => {
          const { clock, run, now } = fakeClock();
          const starts: Array<{ at: number; tokens: number }> = [];
          const inner = mockChatModel({
            replies: [
              (request) => {
                starts.push({ at: now(), tokens: tokensOf(request) });
                return { text: 'ok', usage: { totalTokens: tokensOf(request) } };
              },
            ],
          });
          const model = wrapModel(inner, [
            rateLimitMiddleware({
              requestsPerMinute,
              tokensPerMinute,
              estimateTokens: tokensOf,
              clock,
            }),
          ]);
          await run(Promise.all(sizes.map((size) => model.generate(ask(size)))));
          expect(starts).toHaveLength(sizes.length);
          for (const { at } of starts) {
            const inWindow = starts.filter((s) => s.at > at - 60_000 && s.at <= at);
            expect(inWindow.length).toBeLessThanOrEqual(requestsPerMinute);
            expect(inWindow.reduce((sum, s) => sum + s.tokens, 0)).toBeLessThanOrEqual(
              tokensPerMinute,
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('lets callers through in arrival order, waiting for the window to slide', async () => {
    const { clock, run, now } = fakeClock();
    const order: Array<[string, number]> = [];
    const inner = mockChatModel({
      replies: [
        (request) => {
          order.push([String(request.messages[0]?.content), now()]);
          return 'ok';
        },
      ],
    });
    const model = wrapModel(inner, [rateLimitMiddleware({ requestsPerMinute: 2, clock })]);
    await run(
      Promise.all(
        ['a', 'b', 'c', 'd', 'e'].map((content) =>
          model.generate({ messages: [{ role: 'user', content }] }),
        ),
      ),
    );
    expect(order).toEqual([
      ['a', 0],
      ['b', 0],
      ['c', 60_000],
      ['d', 60_000],
      ['e', 120_000],
    ]);
  });

  it('corrects the token estimate with the usage a stream reports', async () => {
    const { clock, run, now } = fakeClock();
    const starts: number[] = [];
    const inner = mockChatModel({
      replies: [
        () => {
          starts.push(now());
          return { text: 'ok', usage: { inputTokens: 10, outputTokens: 10 } };
        },
      ],
    });
    // Estimated at 100 + 500 max output, but each call really uses 20 tokens.
    const model = wrapModel(inner, [
      rateLimitMiddleware({ tokensPerMinute: 1_000, estimateTokens: () => 100, clock }),
    ]);
    const streamed = (n: number) =>
      collectEvents(model.stream({ ...ask(n), maxOutputTokens: 500 }));
    await run(Promise.all([streamed(1), streamed(2)]));
    // After correction the first two hold 40 tokens: a third fits at once.
    await run(streamed(3));
    expect(starts).toEqual([0, 0, 0]);
  });

  it('fails with a retryable RateLimitError when the wait would exceed maxWaitMs', async () => {
    const { clock, run } = fakeClock();
    const model = wrapModel(mockChatModel({ replies: ['ok'] }), [
      rateLimitMiddleware({ requestsPerMinute: 1, maxWaitMs: 1_000, clock }),
    ]);
    await run(model.generate(ask(1)));
    const error = await run(model.generate(ask(1)).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ code: 'rate_limit', retryable: true, retryAfterMs: 60_000 });
  });

  it('stops waiting when the caller aborts, leaving no timer behind', async () => {
    const { clock, run, timers } = fakeClock();
    const inner = mockChatModel({ replies: ['ok'] });
    const model = wrapModel(inner, [rateLimitMiddleware({ requestsPerMinute: 1, clock })]);
    await run(model.generate(ask(1)));
    const controller = new AbortController();
    const waiting = model.generate(ask(1), { signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    expect(timers.size).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortError);
    expect(timers.size).toBe(0);
    expect(inner.calls).toHaveLength(1);
  });

  it('refuses bad limits and a request that could never fit, before any call', async () => {
    expect(() => rateLimitMiddleware({ requestsPerMinute: -1 })).toThrow(ValidationError);
    expect(() => rateLimitMiddleware({})).toThrow(/requestsPerMinute, tokensPerMinute or both/);
    const inner = mockChatModel({ replies: ['ok'] });
    const model = wrapModel(inner, [
      rateLimitMiddleware({ tokensPerMinute: 50, estimateTokens: () => 40 }),
    ]);
    await expect(model.generate({ ...ask(1), maxOutputTokens: 20 })).rejects.toThrow(
      /estimated at 60 tokens/,
    );
    expect(inner.calls).toHaveLength(0);
  });
});
