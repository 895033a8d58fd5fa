import { AbortError } from '../errors/errors.js';
import { WeftError } from '../errors/weft-error.js';
import { ReplayBuffer } from '../generate-text/replay-buffer.js';
import type { ChatStreamEvent } from '../types/chat-model.js';
import { abortable } from './abortable.js';

type Item = { event: ChatStreamEvent } | { failure: unknown };

/**
 * One upstream stream that several callers read at once, each from the first event. The
 * upstream call runs under its own signal: a reader leaving (its signal, or a `break`)
 * does not stop it for the others; it is cancelled only when every reader has left.
 */
export class SharedStream {
  private readonly buffer = new ReplayBuffer<Item>();
  private readonly controller = new AbortController();
  private readers = 0;
  private finished = false;
  /** Resolves with every event once the upstream stream has ended. */
  readonly done: Promise<{ events: ChatStreamEvent[]; failed: boolean }>;

  constructor(
    open: (signal: AbortSignal) => AsyncIterable<ChatStreamEvent>,
    private readonly onAbandoned: () => void,
  ) {
    this.done = this.pump(open);
  }

  /** True while new readers may still join (the upstream has not been cancelled). */
  get joinable(): boolean {
    return !this.controller.signal.aborted;
  }

  private async pump(open: (signal: AbortSignal) => AsyncIterable<ChatStreamEvent>) {
    const events: ChatStreamEvent[] = [];
    let failed = false;
    try {
      for await (const event of open(this.controller.signal)) {
        events.push(event);
        if (event.type === 'error') failed = true;
        this.buffer.push({ event });
      }
    } catch (failure) {
      failed = true;
      this.buffer.push({ failure });
    } finally {
      this.finished = true;
      this.buffer.close();
    }
    return { events, failed: failed || this.controller.signal.aborted };
  }

  /** A reader from the first event, that stops waiting when `signal` fires. */
  async *read(signal: AbortSignal | undefined): AsyncGenerator<ChatStreamEvent> {
    this.readers++;
    const iterator = this.buffer.read();
    let yielded = false;
    try {
      for (;;) {
        let step: IteratorResult<Item>;
        try {
          step = await abortable(iterator.next(), signal);
        } catch (error) {
          // After the first event a stream reports failures as events, never by throwing.
          if (!yielded) throw error;
          const stopped = WeftError.isInstance(error) ? error : new AbortError();
          yield { type: 'error', error: stopped };
          return;
        }
        if (step.done) return;
        const item = step.value;
        if ('failure' in item) throw item.failure;
        yielded = true;
        yield item.event;
      }
    } finally {
      this.readers--;
      if (this.readers === 0 && !this.finished) {
        this.onAbandoned();
        this.controller.abort(new AbortError('Every reader of the shared stream stopped.'));
      }
    }
  }
}
