/** The tokenizer encodings Weft counts with offline. */
export type TokenEncoding = 'o200k_base' | 'cl100k_base';

/** Prices in US dollars per million tokens. */
export interface ModelPricing {
  /** Uncached prompt tokens. */
  inputPerMillion: number;
  /** Generated tokens, reasoning tokens included. */
  outputPerMillion: number;
  /** Prompt tokens read from the provider's cache; absent when the model has no cache price. */
  cachedInputPerMillion?: number;
  /** Prompt tokens written to the cache (Anthropic bills these above the input price). */
  cacheWritePerMillion?: number;
}

/** What Weft knows about a model: limits, tokenizer and list prices. */
export interface ModelInfo {
  /** The canonical id, e.g. `gpt-4o` or `claude-sonnet-4-5`. */
  id: string;
  provider: 'openai' | 'anthropic' | (string & {});
  kind: 'chat' | 'embedding';
  /** Prompt plus output, in tokens. */
  contextWindow: number;
  /** The most tokens one response may hold (chat models). */
  maxOutputTokens?: number;
  /** The model's own tokenizer, when Weft can count it exactly offline (OpenAI models). */
  encoding?: TokenEncoding;
  /** Length of the vectors (embedding models). */
  dimensions?: number;
  pricing: ModelPricing;
  /** Other ids that name the same model, e.g. `claude-3-5-haiku-latest`. */
  aliases?: string[];
}
