import { ValidationError } from '@weft/core';
import type { RetrieveOptions } from '../types/index.js';

/** The number of results when neither the call nor the retriever names one. */
export const defaultTopK = 4;

/** A positive integer option, or a `ValidationError` that names it. */
export function positiveInteger(value: unknown, name: string): number {
  if (!Number.isInteger(value) || (value as number) < 1) {
    throw new ValidationError(`${name} must be a positive integer, got ${String(value)}.`, {
      issues: [{ path: [name], message: 'must be a positive integer' }],
    });
  }
  return value as number;
}

/** Checks the query and options every retriever takes; returns the topK to use. */
export function checkRetrieveCall(
  query: unknown,
  options: RetrieveOptions | undefined,
  fallbackTopK: number = defaultTopK,
): number {
  if (typeof query !== 'string') {
    throw new ValidationError(`The query must be a string, got ${typeof query}.`, {
      issues: [{ path: ['query'], message: 'must be a string' }],
    });
  }
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new ValidationError('retrieve options must be an object { topK, filter, signal }.');
  }
  options?.signal?.throwIfAborted();
  return options?.topK === undefined ? fallbackTopK : positiveInteger(options.topK, 'topK');
}

/** Throws a `ValidationError` naming `what` when `value` is not an object with `method`. */
export function requireMethod(value: unknown, method: string, what: string, hint: string): void {
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof (value as Record<string, unknown>)[method] !== 'function'
  ) {
    throw new ValidationError(`${what} must have a ${method}() method: ${hint}`, {
      issues: [{ path: [what], message: `needs ${method}()` }],
    });
  }
}

/** A number in [0, 1], or a `ValidationError` naming the option. */
export function unitInterval(value: unknown, name: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new ValidationError(`${name} must be a number between 0 and 1, got ${String(value)}.`, {
      issues: [{ path: [name], message: 'must be between 0 and 1' }],
    });
  }
  return value;
}

/** Something a retriever could not do exactly as asked, e.g. an unparsable model reply. */
export interface RetrieverWarning {
  type: 'unparsable-model-output' | 'not-verbatim' | 'other';
  message: string;
}

/** Runs `task` over `items` with at most `concurrency` in flight; results in input order. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
