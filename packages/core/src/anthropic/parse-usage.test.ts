import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAnthropicUsage } from './parse-usage.js';

describe('parseAnthropicUsage', () => {
  it('counts cached and cache-written tokens as input, and totals input and output', () => {
    const count = fc.nat({ max: 1_000_000 });
    fc.assert(
      fc.property(count, count, count, count, (uncached, read, written, output) => {
        const usage = parseAnthropicUsage({
          input_tokens: uncached,
          cache_read_input_tokens: read,
          cache_creation_input_tokens: written,
          output_tokens: output,
        });
        expect(usage).toEqual({
          inputTokens: uncached + read + written,
          cachedInputTokens: read,
          cacheWriteTokens: written,
          outputTokens: output,
          totalTokens: uncached + read + written + output,
        });
      }),
    );
  });

  it('leaves unknown or malformed fields undefined, and the total with them', () => {
    expect(parseAnthropicUsage({ input_tokens: 43 })).toEqual({ inputTokens: 43 });
    expect(parseAnthropicUsage({ input_tokens: '43', output_tokens: 2 })).toEqual({
      outputTokens: 2,
    });
    expect(parseAnthropicUsage(null)).toEqual({});
  });
});
