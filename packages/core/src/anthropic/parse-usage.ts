import { isRecord, numberField } from '../provider-utils/parse-json.js';
import type { Usage } from '../types/usage.js';

/**
 * Anthropic `usage` -> Weft usage. Anthropic's `input_tokens` leaves out the tokens read
 * from or written to the prompt cache, so they are added back: Weft's `inputTokens` is
 * the whole prompt, as with every other provider.
 */
export function parseAnthropicUsage(raw: unknown): Usage {
  if (!isRecord(raw)) return {};
  const usage: Usage = {};
  const uncached = numberField(raw, 'input_tokens');
  const cacheRead = numberField(raw, 'cache_read_input_tokens');
  const cacheWrite = numberField(raw, 'cache_creation_input_tokens');
  const output = numberField(raw, 'output_tokens');
  if (uncached !== undefined) usage.inputTokens = uncached + (cacheRead ?? 0) + (cacheWrite ?? 0);
  if (cacheRead !== undefined) usage.cachedInputTokens = cacheRead;
  if (cacheWrite !== undefined) usage.cacheWriteTokens = cacheWrite;
  if (output !== undefined) usage.outputTokens = output;
  if (usage.inputTokens !== undefined && output !== undefined) {
    usage.totalTokens = usage.inputTokens + output;
  }
  return usage;
}
