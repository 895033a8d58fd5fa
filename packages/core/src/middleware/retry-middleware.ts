import { ProviderError } from '../errors/errors.js';
import { WeftError } from '../errors/weft-error.js';
import { type CallContext, createCallContext, sleep } from '../provider-utils/call-context.js';
import { retryDefaults } from '../provider-utils/retry.js';
import type { CallOptions, ChatStreamEvent } from '../types/chat-model.js';
import type { ChatMiddleware } from './chat-middleware.js';
import { checkNumberOption } from './check-option.js';
import { continueOpening, openUntilContent } from './stream-events.js';

export interface RetryMiddlewareOptions {
  /** Retries after the first attempt. A call's own `maxRetries` overrides it. Default 2. */
  maxRetries?: number;
  /** The ceiling of the first backoff, in milliseconds. Default 500. */
  initialDelayMs?: number;
  /** The largest backoff ceiling. Default 8,000. */
  maxDelayMs?: number;
  /** Decides whether an error is worth another attempt. Default: retryable provider errors. */
  shouldRetry?: (error: WeftError) => boolean;
  /** Source of jitter, for tests. Default `Math.random`. */
  random?: () => number;
  /** Waits between attempts, for tests. Default: a timer that the call's signal cancels. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const defaultShouldRetry = (error: WeftError) => ProviderError.isInstance(error) && error.retryable;

/**
 * Retries failed calls with exponential backoff and full jitter, honouring the wait a
 * provider asks for. Streams are retried only when they fail before any content. Never
 * retries after the caller's abort or deadline. The model's own retries are switched off
 * (`maxRetries: 0` is passed down) so that this one policy governs.
 *
 * @example
 * const model = wrapModel(openai.chat('gpt-4o-mini'), [retryMiddleware({ maxRetries: 4 })]);
 */
export function retryMiddleware(options: RetryMiddlewareOptions = {}): ChatMiddleware {
  checkNumberOption('retryMiddleware', 'maxRetries', options.maxRetries, {
    integer: true,
    allowZero: true,
  });
  checkNumberOption('retryMiddleware', 'initialDelayMs', options.initialDelayMs, {
    allowZero: true,
  });
  checkNumberOption('retryMiddleware', 'maxDelayMs', options.maxDelayMs, { allowZero: true });
  const shouldRetry = options.shouldRetry ?? defaultShouldRetry;
  const random = options.random ?? Math.random;
  const wait = options.sleep ?? sleep;
  const initialDelayMs = options.initialDelayMs ?? retryDefaults.initialDelayMs;
  const maxDelayMs = options.maxDelayMs ?? retryDefaults.maxDelayMs;

  /** The wait before retry `attempt` (1-based), or undefined when the error is final. */
  const delayFor = (error: unknown, attempt: number, maxRetries: number): number | undefined => {
    if (attempt > maxRetries || !WeftError.isInstance(error) || !shouldRetry(error)) return;
    if (ProviderError.isInstance(error) && error.retryAfterMs !== undefined) {
      return error.retryAfterMs <= retryDefaults.maxRetryAfterMs ? error.retryAfterMs : undefined;
    }
    return Math.round(random() * Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1)));
  };

  // One deadline for all attempts; the model below sees only its signal.
  const begin = (callOptions: CallOptions) => {
    const context = createCallContext(callOptions);
    const { timeout: _timeout, ...rest } = callOptions;
    const inner: CallOptions = { ...rest, signal: context.signal, maxRetries: 0 };
    const maxRetries = callOptions.maxRetries ?? options.maxRetries ?? retryDefaults.maxRetries;
    return { context, inner, maxRetries };
  };

  const pause = async (
    context: CallContext,
    callOptions: CallOptions,
    error: WeftError,
    attempt: number,
    delayMs: number,
  ) => {
    callOptions.onRetry?.({ attempt, delayMs, error });
    try {
      await wait(delayMs, context.signal);
    } catch {
      throw context.stopReason() ?? error;
    }
  };

  return {
    name: 'retry',

    async wrapGenerate({ options: callOptions, next }) {
      const { context, inner, maxRetries } = begin(callOptions);
      try {
        for (let attempt = 1; ; attempt++) {
          try {
            return await next(undefined, inner);
          } catch (error) {
            const stopped = context.stopReason();
            if (stopped) throw stopped;
            const delayMs = delayFor(error, attempt, maxRetries);
            if (delayMs === undefined) throw error;
            await pause(context, callOptions, error as WeftError, attempt, delayMs);
          }
        }
      } finally {
        context.dispose();
      }
    },

    async *wrapStream({ options: callOptions, next }) {
      const { context, inner, maxRetries } = begin(callOptions);
      try {
        for (let attempt = 1; ; attempt++) {
          const opening = await openUntilContent(next(undefined, inner));
          const stopped = context.stopReason();
          if (!opening.ok && !stopped) {
            const delayMs = delayFor(opening.error, attempt, maxRetries);
            if (delayMs !== undefined) {
              await pause(context, callOptions, opening.error as WeftError, attempt, delayMs);
              continue;
            }
          }
          if (!opening.ok && stopped && opening.thrown) throw stopped;
          yield* withStopReason(continueOpening(opening), context);
          return;
        }
      } finally {
        context.dispose();
      }
    },
  };
}

/** Reports the deadline as a `TimeoutError`, not as the abort it caused below. */
async function* withStopReason(
  stream: AsyncIterable<ChatStreamEvent>,
  context: CallContext,
): AsyncGenerator<ChatStreamEvent> {
  for await (const event of stream) {
    const stopped = event.type === 'error' ? context.stopReason() : undefined;
    yield stopped ? { type: 'error', error: stopped } : event;
  }
}
