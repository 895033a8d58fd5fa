/**
 * Token usage of a call. Every field is optional: a provider reports what it knows, and an
 * aborted or broken stream reports what had arrived before it ended.
 */
export interface Usage {
  /** Prompt tokens, including cached ones. */
  inputTokens?: number;
  /** Generated tokens, including reasoning tokens. */
  outputTokens?: number;
  totalTokens?: number;
  /** Of the output tokens, those spent on reasoning. */
  reasoningTokens?: number;
  /** Of the input tokens, those read from the provider's prompt cache. */
  cachedInputTokens?: number;
  /** Input tokens written to the provider's prompt cache (Anthropic). */
  cacheWriteTokens?: number;
}

/** Why generation stopped. `rawFinishReason` on responses keeps the provider's own word. */
export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other';
