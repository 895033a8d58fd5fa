/**
 * An append-only list of events that any number of readers iterate from the start, each at
 * its own pace, so that `textStream`, the events and the promises of one answer all see the
 * whole stream whenever they start reading.
 */
export class EventLog<T> {
  private readonly items: T[] = [];
  private closed = false;
  private waiters: Array<() => void> = [];

  push(item: T): void {
    this.items.push(item);
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  /**
   * A reader from the first event. `select` maps an event to a value, returns `undefined` to
   * skip it, or throws to end the reading with an error; `onStop` runs when a reader leaves
   * before the end.
   */
  read<R>(select: (item: T) => R | undefined, onStop: () => void): AsyncIterableIterator<R> {
    let index = 0;
    let finished = false;
    const done: IteratorReturnResult<undefined> = { done: true, value: undefined };
    const iterator: AsyncIterableIterator<R> = {
      next: async () => {
        while (!finished) {
          if (index < this.items.length) {
            let value: R | undefined;
            try {
              value = select(this.items[index++] as T);
            } catch (error) {
              finished = true;
              throw error;
            }
            if (value !== undefined) return { done: false, value };
          } else if (this.closed) {
            finished = true;
          } else {
            await new Promise<void>((resolve) => this.waiters.push(resolve));
          }
        }
        return done;
      },
      return: async () => {
        if (!finished) {
          finished = true;
          if (!this.closed) onStop();
        }
        return done;
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}

/** A promise with its settle functions; a rejection nobody reads does not crash the process. */
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
  promise.catch(() => {});
  return { promise, resolve, reject };
}
