import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anthropicSSE, fixtureChunks } from '../../test/support/sse.js';
import { ProviderError } from '../errors/errors.js';
import { readServerSentEvents } from '../provider-utils/sse.js';
import type { ChatStreamEvent } from '../types/chat-model.js';
import { createAnthropicStreamDecoder } from './stream-decoder.js';

type WireEvent = { type: string } & Record<string, unknown>;

const start: WireEvent = {
  type: 'message_start',
  message: { id: 'msg_1', model: 'claude-test', usage: { input_tokens: 40, output_tokens: 1 } },
};
const end: WireEvent[] = [
  { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 5 } },
  { type: 'message_stop' },
];

/** Feeds events straight to a decoder, as the transport does, and returns what it emitted. */
function decode(events: WireEvent[], decoder = createAnthropicStreamDecoder()) {
  const out: ChatStreamEvent[] = [];
  for (const event of events) {
    if (decoder.accept({ event: event.type, data: JSON.stringify(event) }, out) === 'done') break;
  }
  decoder.finish(out);
  return out;
}

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** A body cut at the given byte offsets, as a network might deliver it. */
function splitBody(text: string, cuts: number[]): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const offsets = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces = [0, ...offsets, bytes.length].flatMap((from, index, all) => {
    const to = all[index + 1];
    return to === undefined || to === from ? [] : [bytes.slice(from, to)];
  });
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
}

async function decodeBody(body: ReadableStream<Uint8Array>) {
  const decoder = createAnthropicStreamDecoder();
  const out: ChatStreamEvent[] = [];
  reading: for await (const batch of readServerSentEvents(body)) {
    for (const message of batch) if (decoder.accept(message, out) === 'done') break reading;
  }
  decoder.finish(out);
  return out;
}

describe('createAnthropicStreamDecoder', () => {
  it('takes input tokens from message_delta when it reports them, over message_start', () => {
    const out = decode([
      start,
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn' },
        usage: { input_tokens: 61, output_tokens: 2 },
      },
      { type: 'message_stop' },
    ]);
    expect(out.at(-1)).toMatchObject({
      type: 'finish',
      usage: { inputTokens: 61, outputTokens: 2, totalTokens: 63 },
      response: { id: 'msg_1', modelId: 'claude-test' },
    });
  });

  it("knows the input tokens after message_start, but not message_start's placeholder output", () => {
    const decoder = createAnthropicStreamDecoder();
    decoder.accept({ event: 'message_start', data: JSON.stringify(start) }, []);
    expect(decoder.usage()).toEqual({ inputTokens: 40 });
  });

  it('streams thinking as reasoning deltas closed by its signature, and skips redacted thinking', () => {
    const out = decode(fixtureChunks('anthropic/thinking.chunks.txt') as WireEvent[]);
    const reasoning = out.flatMap((event) => (event.type === 'reasoning-delta' ? [event] : []));
    expect(reasoning.map((event) => event.delta)).toEqual([
      'The user wants a short',
      ' definition of RAG.',
      '',
    ]);
    expect(reasoning.slice(0, 2).every((event) => event.signature === undefined)).toBe(true);
    expect(reasoning[2]?.signature).toMatch(/\S{8,}/);
    const text = out.flatMap((event) => (event.type === 'text-delta' ? [event.delta] : []));
    expect(text.join('')).toBe('RAG grounds answers in retrieved text.');
  });

  it('skips event and delta types it does not know, as Anthropic asks clients to', () => {
    const out = decode([
      start,
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'citations_delta', citation: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'ok' } },
      { type: 'some_future_event' },
      { type: 'content_block_stop', index: 0 },
      ...end,
    ]);
    expect(out.map((event) => event.type)).toEqual(['text-delta', 'usage', 'finish']);
  });

  it('uses the input of content_block_start when no input_json_delta follows', () => {
    const out = decode([
      start,
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { id: 7 } },
      },
      { type: 'content_block_stop', index: 0 },
      ...end,
    ]);
    expect(out.find((event) => event.type === 'tool-call')).toMatchObject({ input: { id: 7 } });
  });

  it('refuses data that is not JSON, and deltas for blocks that never started', () => {
    const decoder = createAnthropicStreamDecoder();
    expect(thrownBy(() => decoder.accept({ event: 'ping', data: '{oops' }, []))).toMatchObject({
      code: 'invalid_response',
    });
    const orphan = {
      type: 'content_block_delta',
      index: 3,
      delta: { type: 'text_delta', text: 'x' },
    };
    expect(thrownBy(() => decode([start, orphan, ...end]))).toMatchObject({
      code: 'invalid_response',
    });
  });

  it('throws a non-retryable error naming the type for an error event', () => {
    const error = thrownBy(() =>
      decode([start, { type: 'error', error: { type: 'api_error', message: 'Internal error' } }]),
    );
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      retryable: false,
      message: expect.stringContaining('api_error'),
    });
  });

  it('throws stream_incomplete when the stream ends without message_stop', () => {
    expect(thrownBy(() => decode([start, end[0] as WireEvent]))).toMatchObject({
      code: 'stream_incomplete',
    });
  });

  it('decodes the same events however the network splits the body', async () => {
    const events = fixtureChunks('anthropic/two-tool-calls.chunks.txt') as WireEvent[];
    const body = anthropicSSE(events);
    const expected = decode(events);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 40 }), async (cuts) => {
        expect(await decodeBody(splitBody(body, cuts))).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('assembles tool arguments split anywhere into the same parsed input', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.nat(), { maxLength: 8 }), (value, cuts) => {
        const json = JSON.stringify({ value });
        const offsets = [...new Set(cuts.map((cut) => cut % json.length))].sort((a, b) => a - b);
        const pieces = [0, ...offsets].map((from, index, all) => json.slice(from, all[index + 1]));
        const out = decode([
          start,
          {
            type: 'content_block_start',
            index: 0,
            content_block: { type: 'tool_use', id: 'toolu_1', name: 'echo', input: {} },
          },
          ...pieces.map((partial_json) => ({
            type: 'content_block_delta',
            index: 0,
            delta: { type: 'input_json_delta', partial_json },
          })),
          { type: 'content_block_stop', index: 0 },
          ...end,
        ]);
        expect(out.find((event) => event.type === 'tool-call')).toEqual({
          type: 'tool-call',
          toolCallId: 'toolu_1',
          toolName: 'echo',
          input: JSON.parse(json),
          inputText: json,
        });
      }),
    );
  });
});
