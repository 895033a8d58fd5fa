/**
 * An append-only list that any number of readers can iterate from the start, each at its
 * own pace, waiting when they catch up. Readers are woken once per batch of pushes.
 *
 * Readers are hand-written iterators rather than async generators: a `for await` over one
 * costs a single promise per item (none when the item is already buffered), where an async
 * generator costs several microtask turns per item, and streams have tens of thousands.
 */
export class ReplayBuffer<T> {
  private readonly items: T[] = [];
  private closed = false;
  private waiters: Array<() => void> = [];

  push(item: T): void {
    this.items.push(item);
    this.wake();
  }

  /** Appends several items, waking readers once. */
  pushAll(items: readonly T[]): void {
    for (const item of items) this.items.push(item);
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  private wake(): void {
    if (this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  /**
   * A reader from the first item. `select` turns an item into the value to yield, returns
   * `undefined` to skip it, or throws to end the reading with an error. `onStop` runs when
   * the reader is left before the end (a `break` or a `return`).
   */
  read<R = T>(
    select: (item: T) => R | undefined = (item) => item as unknown as R,
    onStop?: () => void,
  ): AsyncIterableIterator<R> {
    let index = 0;
    let finished = false;
    const done: IteratorReturnResult<undefined> = { done: true, value: undefined };
    // The next result, if one is ready now; undefined when the reader has to wait.
    const step = (): IteratorResult<R, undefined> | undefined => {
      while (index < this.items.length) {
        const value = select(this.items[index++] as T);
        if (value !== undefined) return { done: false, value };
      }
      if (!this.closed) return undefined;
      finished = true;
      return done;
    };
    const iterator: AsyncIterableIterator<R> = {
      next: () => {
        if (finished) return Promise.resolve(done);
        try {
          const ready = step();
          if (ready) return Promise.resolve(ready);
        } catch (error) {
          finished = true;
          return Promise.reject(error);
        }
        return new Promise<IteratorResult<R, undefined>>((resolve, reject) => {
          const retry = () => {
            try {
              const ready = step();
              if (ready) resolve(ready);
              else this.waiters.push(retry);
            } catch (error) {
              finished = true;
              reject(error);
            }
          };
          this.waiters.push(retry);
        });
      },
      return: () => {
        if (!finished) {
          finished = true;
          onStop?.();
        }
        return Promise.resolve(done);
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}
