import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../../test/support/sse.js';
import { ProviderError } from '../errors/errors.js';
import { parseAnthropicResponse } from './parse-response.js';

const meta = { requestId: 'req_1', warnings: [] };
const text = fixtureJson('anthropic/text.json') as Record<string, unknown>;

function parseWith(fields: Record<string, unknown>) {
  return parseAnthropicResponse({ ...text, ...fields }, meta);
}

describe('parseAnthropicResponse', () => {
  it('returns thinking as a reasoning part with its signature, and skips redacted thinking', () => {
    const result = parseAnthropicResponse(fixtureJson('anthropic/thinking.json'), meta);
    expect(result.reasoning).toBe('The user wants a short definition of RAG.');
    expect(result.text).toBe('RAG grounds answers in retrieved text.');
    expect(result.content).toEqual([
      {
        type: 'reasoning',
        text: 'The user wants a short definition of RAG.',
        signature: expect.stringMatching(/^EqQB/),
      },
      { type: 'text', text: 'RAG grounds answers in retrieved text.' },
    ]);
  });

  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['tool_use', 'tool-calls'],
    ['refusal', 'content-filter'],
    ['pause_turn', 'other'],
  ])('maps stop_reason %s to %s and keeps the raw reason', (stopReason, finishReason) => {
    const result = parseWith({ stop_reason: stopReason });
    expect(result.finishReason).toBe(finishReason);
    expect(result.rawFinishReason).toBe(stopReason);
  });

  it('accepts a refusal with no content blocks at all', () => {
    const result = parseWith({ content: [], stop_reason: 'refusal' });
    expect(result).toMatchObject({ text: '', toolCalls: [], content: [] });
    expect(result.finishReason).toBe('content-filter');
  });

  it('keeps text blocks in order and skips block types it does not model', () => {
    const result = parseWith({
      content: [
        { type: 'text', text: 'Searching. ' },
        { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} },
        { type: 'text', text: 'Found it.' },
      ],
    });
    expect(result.text).toBe('Searching. Found it.');
    expect(result.content).toHaveLength(2);
  });

  it.each([
    ['a body that is not an object', []],
    ['a body without content', { ...text, content: undefined }],
    ['a tool_use block without an id', { ...text, content: [{ type: 'tool_use', name: 'x' }] }],
    ['a text block without text', { ...text, content: [{ type: 'text' }] }],
  ])('refuses %s as an invalid response', (_name, body) => {
    let caught: unknown;
    try {
      parseAnthropicResponse(body, meta);
    } catch (error) {
      caught = error;
    }
    expect(ProviderError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({ code: 'invalid_response', requestId: 'req_1' });
  });
});
