import { isRecord, numberField, recordField } from '../provider-utils/parse-json.js';
import type { Usage } from '../types/usage.js';

/** Chat Completions `usage` -> Weft usage. Unknown or malformed fields stay undefined. */
export function parseOpenAIUsage(raw: unknown): Usage {
  if (!isRecord(raw)) return {};
  const usage: Usage = {};
  const input = numberField(raw, 'prompt_tokens');
  const output = numberField(raw, 'completion_tokens');
  const total = numberField(raw, 'total_tokens');
  if (input !== undefined) usage.inputTokens = input;
  if (output !== undefined) usage.outputTokens = output;
  if (total !== undefined) usage.totalTokens = total;
  else if (input !== undefined && output !== undefined) usage.totalTokens = input + output;
  const promptDetails = recordField(raw, 'prompt_tokens_details');
  const cached = promptDetails && numberField(promptDetails, 'cached_tokens');
  if (cached !== undefined) usage.cachedInputTokens = cached;
  const completionDetails = recordField(raw, 'completion_tokens_details');
  const reasoning = completionDetails && numberField(completionDetails, 'reasoning_tokens');
  if (reasoning !== undefined) usage.reasoningTokens = reasoning;
  return usage;
}
