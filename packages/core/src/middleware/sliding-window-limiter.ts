import { RateLimitError } from '../errors/errors.js';
import { sleep } from '../provider-utils/call-context.js';
import { abortable, abortReason } from './abortable.js';

/** Time, injectable so that tests can run a minute of traffic in no time. */
export interface LimiterClock {
  now(): number;
  /** Waits `ms`, or rejects when `signal` fires, leaving no timer behind. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemClock: LimiterClock = { now: () => Date.now(), sleep };

export interface SlidingWindowLimits {
  /** Most requests started in any window. */
  requests?: number;
  /** Most tokens reserved in any window. */
  tokens?: number;
  windowMs: number;
  /** The longest a caller waits for room before a `RateLimitError`. Default: no limit. */
  maxWaitMs?: number;
}

/** A place in the window; `settle` replaces the estimate with the tokens actually used. */
export interface Reservation {
  settle(actualTokens: number | undefined): void;
}

interface Entry {
  at: number;
  tokens: number;
}

/**
 * A sliding-window log shared by concurrent callers: a request enters only if, counting
 * it, the requests and tokens of the last `windowMs` stay within the limits. Callers wait
 * in arrival order, so a large request is not starved by small ones.
 */
export class SlidingWindowLimiter {
  private entries: Entry[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private wakeWaiter: (() => void) | undefined;

  constructor(
    private readonly limits: SlidingWindowLimits,
    private readonly clock: LimiterClock = systemClock,
  ) {}

  /** Waits for room for a request of `tokens`, then reserves it. */
  acquire(tokens: number, signal?: AbortSignal): Promise<Reservation> {
    const deadline =
      this.limits.maxWaitMs === undefined ? Infinity : this.clock.now() + this.limits.maxWaitMs;
    const turn = this.queue.then(() => this.take(tokens, signal, deadline));
    this.queue = turn.catch(() => undefined);
    // A caller that gives up while queued leaves at once; its turn is skipped when reached.
    return abortable(turn, signal);
  }

  private async take(
    tokens: number,
    signal: AbortSignal | undefined,
    deadline: number,
  ): Promise<Reservation> {
    for (;;) {
      if (signal?.aborted) throw abortReason(signal);
      const now = this.clock.now();
      const waitMs = this.waitFor(tokens, now);
      if (waitMs <= 0) {
        const entry: Entry = { at: now, tokens };
        this.entries.push(entry);
        return {
          settle: (actualTokens) => {
            if (actualTokens === undefined || !Number.isFinite(actualTokens)) return;
            const freed = actualTokens < entry.tokens;
            entry.tokens = actualTokens;
            if (freed) this.wakeWaiter?.();
          },
        };
      }
      if (now + waitMs > deadline) {
        throw new RateLimitError(
          `Local rate limit: room for this request in ${Math.ceil(waitMs)} ms, longer than maxWaitMs (${this.limits.maxWaitMs} ms).`,
          { provider: 'weft', retryable: true, retryAfterMs: Math.ceil(waitMs) },
        );
      }
      await this.sleepUnlessWoken(waitMs, signal);
    }
  }

  // Waits for room, but wakes early when a finished call frees tokens (its usage came in
  // under its estimate), so that a waiting caller is not held back by a stale estimate.
  private async sleepUnlessWoken(waitMs: number, signal: AbortSignal | undefined): Promise<void> {
    const wake = new AbortController();
    const onAbort = () => wake.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.wakeWaiter = () => wake.abort();
    try {
      await this.clock.sleep(waitMs, wake.signal);
    } catch {
      if (signal?.aborted) throw abortReason(signal);
    } finally {
      this.wakeWaiter = undefined;
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** How long until a request of `tokens` fits; 0 when it fits now. */
  private waitFor(tokens: number, now: number): number {
    const { windowMs } = this.limits;
    while (this.entries.length > 0 && (this.entries[0] as Entry).at + windowMs <= now) {
      this.entries.shift();
    }
    let waitMs = 0;
    const { requests, tokens: tokenLimit } = this.limits;
    if (requests !== undefined && this.entries.length >= requests) {
      const oldest = this.entries[this.entries.length - requests] as Entry;
      waitMs = Math.max(waitMs, oldest.at + windowMs - now);
    }
    if (tokenLimit !== undefined) {
      let used = this.entries.reduce((sum, entry) => sum + entry.tokens, 0);
      for (const entry of this.entries) {
        if (used + tokens <= tokenLimit) break;
        used -= entry.tokens;
        waitMs = Math.max(waitMs, entry.at + windowMs - now);
      }
    }
    return waitMs;
  }
}
