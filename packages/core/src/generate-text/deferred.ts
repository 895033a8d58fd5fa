import { ProviderError } from '../errors/errors.js';
import { WeftError } from '../errors/weft-error.js';

/** A promise with its settle functions, for results that settle when a stream ends. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Nobody has to await every promise: a rejection nobody reads must not crash the process.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/** Any failure of a model's stream as a WeftError. */
export function toStreamError(error: unknown): WeftError {
  if (WeftError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError(`The model's stream failed: ${message}`, { cause: error });
}
