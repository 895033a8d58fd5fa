import { createParser, type EventSourceMessage } from 'eventsource-parser';

/**
 * Reads a Server-Sent Events body and yields its events in batches (one batch per network
 * chunk), so that a consumer pays one await per chunk rather than per event. Stopping the
 * iteration early cancels the body, which closes the connection.
 */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<EventSourceMessage[], void, undefined> {
  let batch: EventSourceMessage[] = [];
  const parser = createParser({
    onEvent(event) {
      batch.push(event);
    },
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        const tail = decoder.decode();
        if (tail) parser.feed(tail);
        // A final event without its blank line still counts.
        parser.feed('\n\n');
        if (batch.length > 0) yield batch;
        return;
      }
      parser.feed(decoder.decode(value, { stream: true }));
      if (batch.length > 0) {
        const ready = batch;
        batch = [];
        yield ready;
      }
    }
  } finally {
    // Cancelling closes the connection. It is not awaited: some bodies (e.g. from mock
    // fetches) never settle a cancel, and the caller must not hang on it.
    if (!finished) reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
