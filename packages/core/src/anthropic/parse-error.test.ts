import { describe, expect, it } from 'vitest';
import { fixtureText } from '../../test/support/sse.js';
import { isAnthropicContextLengthError, parseAnthropicErrorBody } from './parse-error.js';

describe('parseAnthropicErrorBody', () => {
  it('reads the message and type of an Anthropic error body', () => {
    expect(parseAnthropicErrorBody(fixtureText('anthropic/overloaded-error.json'))).toEqual({
      message: 'Overloaded',
      type: 'overloaded_error',
    });
  });

  it('returns nothing for a body that is not JSON, e.g. a proxy error page', () => {
    expect(parseAnthropicErrorBody('<html>502 Bad Gateway</html>')).toEqual({});
  });
});

describe('isAnthropicContextLengthError', () => {
  it.each([
    [400, 'invalid_request_error', 'prompt is too long: 208310 tokens > 200000 maximum', true],
    [
      400,
      'invalid_request_error',
      'input length and `max_tokens` exceed context limit: 198000 + 4096 > 200000',
      true,
    ],
    [413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes.', true],
    [400, 'invalid_request_error', 'messages: roles must alternate', false],
    [500, 'api_error', 'prompt is too long', false],
  ])('status %i, %s, "%s" -> %s', (status, type, message, expected) => {
    expect(isAnthropicContextLengthError({ type, message }, status)).toBe(expected);
  });
});
