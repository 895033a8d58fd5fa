import { AbortError, TimeoutError } from '../errors/errors.js';

/** The error a fired signal stands for: its own Weft reason, or an `AbortError`. */
export function abortReason(signal: AbortSignal): AbortError | TimeoutError {
  const reason: unknown = signal.reason;
  if (AbortError.isInstance(reason) || TimeoutError.isInstance(reason)) return reason;
  return new AbortError('The call was aborted by its signal.', { cause: reason });
}

/** True for errors that mean "the caller stopped the call", which no middleware retries. */
export function isStopError(error: unknown): boolean {
  return AbortError.isInstance(error) || TimeoutError.isInstance(error);
}

/**
 * Waits for `promise`, or rejects as soon as `signal` fires. The promise itself keeps
 * running (it may be shared with other callers); only this wait ends.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
