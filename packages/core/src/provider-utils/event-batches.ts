/**
 * Streams from Weft's HTTP transport are decoded a network chunk at a time. They expose
 * those batches under this symbol, so that a consumer inside Weft (streamText) can take a
 * whole batch per await instead of one event per await. Any other async iterable is read
 * one item at a time.
 */
export const eventBatchesKey: unique symbol = Symbol.for('weft.eventBatches');

interface Batched<T> {
  [eventBatchesKey]?: () => AsyncIterable<T[]>;
}

/** Attaches `batches` to `iterator` for `eventBatchesOf`. */
export function withEventBatches<T, I extends AsyncIterableIterator<T>>(
  iterator: I,
  batches: () => AsyncIterable<T[]>,
): I {
  (iterator as I & Batched<T>)[eventBatchesKey] = batches;
  return iterator;
}

/** The items of `stream` in batches: the transport's own, or one item each. */
export function eventBatchesOf<T>(stream: AsyncIterable<T>): AsyncIterable<T[]> {
  const batches = (stream as Batched<T>)[eventBatchesKey];
  if (batches) return batches();
  return (async function* () {
    for await (const item of stream) yield [item];
  })();
}
