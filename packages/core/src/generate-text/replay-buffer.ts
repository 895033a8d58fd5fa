/**
 * An append-only list that any number of readers can iterate from the start, each at its
 * own pace, waiting when they catch up. Readers are woken once per batch of pushes.
 */
export class ReplayBuffer<T> {
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
    if (this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  async *read(): AsyncGenerator<T, void, undefined> {
    let index = 0;
    for (;;) {
      while (index < this.items.length) yield this.items[index++] as T;
      if (this.closed) return;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}
