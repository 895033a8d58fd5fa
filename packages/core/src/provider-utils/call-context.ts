import { AbortError, TimeoutError, ValidationError } from '../errors/errors.js';

/**
 * The lifetime of one call: a signal that fires on the caller's abort or the deadline,
 * and `dispose()` that clears the timer and the listener. Every call disposes its context,
 * so no timer or listener outlives it.
 */
export interface CallContext {
  readonly signal: AbortSignal;
  /** The error that ended the call, if the caller aborted or the deadline passed. */
  stopReason(): AbortError | TimeoutError | undefined;
  dispose(): void;
}

export function createCallContext(options: {
  signal?: AbortSignal;
  timeout?: number;
}): CallContext {
  const { signal: callerSignal, timeout } = options;
  if (timeout !== undefined && (!Number.isFinite(timeout) || timeout <= 0)) {
    throw new ValidationError(
      `timeout must be a positive number of milliseconds, got ${timeout}.`,
      {
        issues: [{ path: ['timeout'], message: 'must be a positive finite number' }],
      },
    );
  }
  const controller = new AbortController();
  let reason: AbortError | TimeoutError | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const onCallerAbort = () => {
    if (reason) return;
    const given: unknown = callerSignal?.reason;
    // Keep a reason Weft itself gave (e.g. "the reader stopped early"); wrap any other.
    reason = AbortError.isInstance(given)
      ? given
      : new AbortError('The call was aborted by its signal.', { cause: given });
    controller.abort(reason);
  };

  if (callerSignal?.aborted) {
    onCallerAbort();
  } else {
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    if (timeout !== undefined) {
      timer = setTimeout(() => {
        if (reason) return;
        reason = new TimeoutError(`The call did not finish within its timeout of ${timeout} ms.`, {
          timeoutMs: timeout,
        });
        controller.abort(reason);
      }, timeout);
    }
  }

  return {
    signal: controller.signal,
    stopReason: () => reason,
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}

/** Waits `ms`, or rejects as soon as `signal` fires. Leaves no timer behind either way. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
