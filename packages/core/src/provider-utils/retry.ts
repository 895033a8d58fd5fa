import { ProviderError } from '../errors/errors.js';
import { WeftError } from '../errors/weft-error.js';
import type { CallOptions } from '../types/chat-model.js';
import { type CallContext, sleep } from './call-context.js';

/** Statuses worth sending again: timeouts, conflicts, rate limits and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * The wait a response asks for, in milliseconds: `retry-after-ms` (OpenAI), then
 * `retry-after` as seconds or as an HTTP date. `undefined` when absent or unreadable.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null) {
    const value = Number.parseFloat(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = headers.get('retry-after');
  if (after !== null) {
    const trimmed = after.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed)) return Number.parseFloat(trimmed) * 1000;
    const date = Date.parse(trimmed);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  return undefined;
}

export const retryDefaults = {
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  /** A provider asking for a longer wait than this gets its error thrown instead. */
  maxRetryAfterMs: 60_000,
} as const;

/**
 * How long to wait before retry number `attempt` (1-based), or `undefined` for no retry.
 * The provider's requested wait wins; otherwise exponential backoff with full jitter.
 */
export function retryDelayFor(
  error: WeftError,
  attempt: number,
  random: () => number = Math.random,
): number | undefined {
  if (!ProviderError.isInstance(error) || !error.retryable) return undefined;
  if (error.retryAfterMs !== undefined) {
    return error.retryAfterMs <= retryDefaults.maxRetryAfterMs ? error.retryAfterMs : undefined;
  }
  const ceiling = Math.min(
    retryDefaults.maxDelayMs,
    retryDefaults.initialDelayMs * 2 ** (attempt - 1),
  );
  return Math.round(random() * ceiling);
}

/**
 * Runs `attempt` and retries it after retryable failures, within the call's context:
 * never after an abort or the deadline, and never more than `maxRetries` times.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  options: { context: CallContext; maxRetries?: number; onRetry?: CallOptions['onRetry'] },
): Promise<T> {
  const maxRetries = options.maxRetries ?? retryDefaults.maxRetries;
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      const stopped = options.context.stopReason();
      if (stopped) throw stopped;
      if (!WeftError.isInstance(error) || retry >= maxRetries) throw error;
      const delayMs = retryDelayFor(error, retry + 1);
      if (delayMs === undefined) throw error;
      options.onRetry?.({ attempt: retry + 1, delayMs, error });
      try {
        await sleep(delayMs, options.context.signal);
      } catch {
        throw options.context.stopReason() ?? error;
      }
    }
  }
}
