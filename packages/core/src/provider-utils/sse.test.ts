import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOpenAIStreamDecoder } from '../openai-chat/stream-decoder.js';
import type { ChatStreamEvent } from '../types/chat-model.js';
import { readServerSentEvents } from './sse.js';

function bodyFrom(text: string, cuts: number[]): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let last = 0;
  for (const point of [...points, bytes.length]) {
    if (point > last) pieces.push(bytes.slice(last, point));
    last = point;
  }
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
}

describe('readServerSentEvents', () => {
  it('yields the same events however the bytes are split (multi-byte characters included)', async () => {
    const deltas = ['Grüße', ' 🌍', ' 世界', '\n', ' "quoted"', ' done'];
    const frames = deltas
      .map(
        (content) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`,
      )
      .join('');
    const body = `: keep-alive comment\n\n${frames}data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\r\n\r\ndata: [DONE]\n\n`;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 30 }), async (cuts) => {
        const decoder = createOpenAIStreamDecoder('openai');
        const out: ChatStreamEvent[] = [];
        for await (const batch of readServerSentEvents(bodyFrom(body, cuts))) {
          for (const message of batch) decoder.accept(message, out);
        }
        decoder.finish(out);
        const text = out
          .flatMap((event) => (event.type === 'text-delta' ? [event.delta] : []))
          .join('');
        expect(text).toBe(deltas.join(''));
        expect(out.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
      }),
      { numRuns: 200 },
    );
  });

  it('delivers a final event that lacks its blank line', async () => {
    const batches: string[] = [];
    for await (const batch of readServerSentEvents(bodyFrom('event: x\ndata: last', []))) {
      for (const message of batch) batches.push(`${message.event}:${message.data}`);
    }
    expect(batches).toEqual(['x:last']);
  });
});
