import type { Usage } from '@weft/core';

/** `Usage: 21 input + 9 output = 30 tokens`, with `?` for what the provider did not report. */
export function formatUsage(usage: Usage): string {
  const { inputTokens, outputTokens } = usage;
  if (inputTokens === undefined && outputTokens === undefined) {
    return 'Usage: not reported by the provider';
  }
  const total =
    usage.totalTokens ??
    (inputTokens !== undefined && outputTokens !== undefined
      ? inputTokens + outputTokens
      : undefined);
  return `Usage: ${inputTokens ?? '?'} input + ${outputTokens ?? '?'} output = ${total ?? '?'} tokens`;
}
