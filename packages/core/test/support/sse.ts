import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Test support: SSE bodies in each provider's wire format, and fixture loading. */

const fixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** The text of a fixture file under `test/fixtures/`. */
export function fixtureText(path: string): string {
  return readFileSync(fixturesDir + path, 'utf8');
}

/** A JSON fixture under `test/fixtures/`. */
export function fixtureJson(path: string): unknown {
  return JSON.parse(fixtureText(path));
}

/** The JSON objects of a `*.chunks.txt` fixture: one event per line. */
export function fixtureChunks(path: string): unknown[] {
  return fixtureText(path)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

/** OpenAI-style SSE: `data: <json>` per chunk, then `data: [DONE]`. */
export function openAISSE(chunks: unknown[], options: { done?: boolean } = {}): string {
  const body = chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('');
  return options.done === false ? body : `${body}data: [DONE]\n\n`;
}

/** Anthropic SSE: `event: <type>` and `data: <json>` per event. */
export function anthropicSSE(events: Array<{ type: string }>): string {
  return events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`).join('');
}

/** A body that sends `text` in pieces of `size` characters, to exercise chunk boundaries. */
export function chunkedStream(text: string, size = 7): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

export const sseHeaders = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };
