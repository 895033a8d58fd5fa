import type { EmbedWindow, WindowPlanner } from './plan-windows.js';

export interface EmbedScheduler {
  /** Embedding requests in flight. */
  readonly inFlight: number;
  /** Starts what may start: call when the planner has more windows ready. */
  poke(): void;
  /** Settles once window `index` is embedded (it must have started). */
  embedded(index: number): Promise<void>;
  /** Window `index` is written: its slot ahead of the store goes to the next one. */
  written(index: number): void;
}

/**
 * Embeds the planner's ready windows in order: up to `concurrency` requests in flight, a new
 * one starting as soon as any answers (no barrier between rounds), and at most
 * `2 x concurrency` windows ahead of the last one written (embedding may run ahead of a slow
 * store, or of the store's first write, but not without bound).
 */
export function embedScheduler(
  planner: WindowPlanner,
  options: {
    concurrency: number;
    signal: AbortSignal;
    embed: (window: EmbedWindow) => Promise<void>;
  },
): EmbedScheduler {
  const { concurrency, signal, embed } = options;
  const started: Array<Promise<void>> = [];
  let written = 0;
  let inFlight = 0;
  const poke = () => {
    while (
      !signal.aborted &&
      inFlight < concurrency &&
      started.length < planner.ready &&
      started.length < written + 2 * concurrency
    ) {
      inFlight++;
      const done = embed(planner.windows[started.length] as EmbedWindow);
      started.push(done);
      const settle = () => {
        inFlight--;
        poke();
      };
      done.then(settle, settle);
    }
  };
  return {
    get inFlight() {
      return inFlight;
    },
    poke,
    embedded: (index) => started[index] as Promise<void>,
    written(index) {
      written = Math.max(written, index + 1);
      poke();
    },
  };
}

/** Lets timers and I/O run (answers to requests in flight) between pieces of CPU-bound work. */
export function nextTurn(): Promise<void> {
  const { setImmediate } = globalThis as { setImmediate?: (callback: () => void) => unknown };
  return new Promise((resolve) =>
    setImmediate ? setImmediate(() => resolve()) : setTimeout(resolve, 0),
  );
}
