import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuthenticationError, ProviderError, RateLimitError } from '../errors/errors.js';
import { createCallContext } from './call-context.js';
import {
  isRetryableStatus,
  parseRetryAfter,
  retryDefaults,
  retryDelayFor,
  withRetries,
} from './retry.js';

describe('parseRetryAfter', () => {
  it('prefers retry-after-ms, then retry-after seconds, then an HTTP date', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after': '2' }))).toBe(2000);
    expect(parseRetryAfter(new Headers({ 'retry-after': '0.5' }))).toBe(500);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(
      parseRetryAfter(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now),
    ).toBe(3000);
  });

  it('ignores missing, negative and unreadable values', () => {
    expect(parseRetryAfter(new Headers())).toBeUndefined();
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '-5' }))).toBeUndefined();
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
  });
});

describe('retry policy', () => {
  it('retries only 408, 409, 429 and 5xx', () => {
    expect([408, 409, 429, 500, 502, 503, 529].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 422].some(isRetryableStatus)).toBe(false);
  });

  it('uses full jitter under an exponential ceiling', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (attempt, random) => {
          const delay = retryDelayFor(
            new ProviderError('x', { retryable: true }),
            attempt,
            () => random,
          );
          const ceiling = Math.min(
            retryDefaults.maxDelayMs,
            retryDefaults.initialDelayMs * 2 ** (attempt - 1),
          );
          return delay !== undefined && delay >= 0 && delay <= ceiling;
        },
      ),
    );
  });

  it("honours the provider's requested wait, but not an unreasonable one", () => {
    expect(retryDelayFor(new RateLimitError('x', { retryAfterMs: 1200 }), 1)).toBe(1200);
    expect(retryDelayFor(new RateLimitError('x', { retryAfterMs: 3_600_000 }), 1)).toBeUndefined();
  });

  it('does not retry errors that are not retryable', () => {
    expect(retryDelayFor(new AuthenticationError('x'), 1)).toBeUndefined();
    expect(retryDelayFor(new RateLimitError('quota', { retryable: false }), 1)).toBeUndefined();
  });

  it('stops retrying once the caller aborts, even during the backoff wait', async () => {
    const controller = new AbortController();
    const context = createCallContext({ signal: controller.signal });
    let attempts = 0;
    const run = withRetries(
      async () => {
        attempts++;
        throw new ProviderError('down', { retryable: true, retryAfterMs: 10_000 });
      },
      { context, maxRetries: 5, onRetry: () => controller.abort() },
    );
    await expect(run).rejects.toMatchObject({ code: 'aborted' });
    expect(attempts).toBe(1);
    context.dispose();
  });

  it('gives up after maxRetries with the last error', async () => {
    const context = createCallContext({});
    let attempts = 0;
    const run = withRetries(
      async () => {
        attempts++;
        throw new ProviderError(`down ${attempts}`, { retryable: true, retryAfterMs: 0 });
      },
      { context, maxRetries: 3 },
    );
    await expect(run).rejects.toThrow('down 4');
    expect(attempts).toBe(4);
    context.dispose();
  });
});
