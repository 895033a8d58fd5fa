import type { ModelInfo } from './model-info.js';

/**
 * The day the limits and list prices below were last checked against the providers'
 * published pricing and model pages. Prices change: pass your own entries to
 * `createModelCatalog` when you need different ones.
 */
export const catalogDate = '2026-11-01';

const openAI = (entry: Omit<ModelInfo, 'provider'>): ModelInfo => ({
  provider: 'openai',
  ...entry,
});
const anthropic = (entry: Omit<ModelInfo, 'provider'>): ModelInfo => ({
  provider: 'anthropic',
  ...entry,
});

// Anthropic bills cache reads at 0.1x and 5-minute cache writes at 1.25x the input price.
const claudePricing = (input: number, output: number) => ({
  inputPerMillion: input,
  outputPerMillion: output,
  cachedInputPerMillion: round(input * 0.1),
  cacheWritePerMillion: round(input * 1.25),
});

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** The models Weft knows out of the box (list prices in USD per million tokens). */
export const defaultModels: readonly ModelInfo[] = [
  openAI({
    id: 'gpt-5',
    kind: 'chat',
    contextWindow: 400_000,
    maxOutputTokens: 128_000,
    encoding: 'o200k_base',
    pricing: { inputPerMillion: 1.25, cachedInputPerMillion: 0.125, outputPerMillion: 10 },
  }),
  openAI({
    id: 'gpt-5-mini',
    kind: 'chat',
    contextWindow: 400_000,
    maxOutputTokens: 128_000,
    encoding: 'o200k_base',
    pricing: { inputPerMillion: 0.25, cachedInputPerMillion: 0.025, outputPerMillion: 2 },
  }),
  openAI({
    id: 'gpt-5-nano',
    kind: 'chat',
    contextWindow: 400_000,
    maxOutputTokens: 128_000,
    encoding: 'o200k_base',
    pricing: { inputPerMillion: 0.05, cachedInputPerMillion: 0.005, outputPerMillion: 0.4 },
  }),
  openAI({
    id: 'gpt-4.1',
    kind: 'chat',
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    encoding: 'o200k_base',
    pricing: { inputPerMillion: 2, cachedInputPerMillion: 0.5, outputPerMillion: 8 },
  }),
  openAI({
    id: 'gpt-4.1-mini',
    kind: 'chat',
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    encoding: 'o200k_base',
    pricing: { inputPerMillion: 0.4, cachedInputPerMillion: 0.1, outputPerMillion: 1.6 },
  }),
  openAI({
    id: 'gpt-4.1-nano',
    kind: 'chat',
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    encoding: 'o200k_base',
    pricing: { inputPerMillion: 0.1, cachedInputPerMillion: 0.025, outputPerMillion: 0.4 },
  }),
  openAI({
    id: 'gpt-4o',
    kind: 'chat',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    encoding: 'o200k_base',
    pricing: { inputPerMillion: 2.5, cachedInputPerMillion: 1.25, outputPerMillion: 10 },
  }),
  openAI({
    id: 'gpt-4o-mini',
    kind: 'chat',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    encoding: 'o200k_base',
    pricing: { inputPerMillion: 0.15, cachedInputPerMillion: 0.075, outputPerMillion: 0.6 },
  }),
  openAI({
    id: 'o3',
    kind: 'chat',
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    encoding: 'o200k_base',
    pricing: { inputPerMillion: 2, cachedInputPerMillion: 0.5, outputPerMillion: 8 },
  }),
  openAI({
    id: 'o4-mini',
    kind: 'chat',
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    encoding: 'o200k_base',
    pricing: { inputPerMillion: 1.1, cachedInputPerMillion: 0.275, outputPerMillion: 4.4 },
  }),
  openAI({
    id: 'o3-mini',
    kind: 'chat',
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    encoding: 'o200k_base',
    pricing: { inputPerMillion: 1.1, cachedInputPerMillion: 0.55, outputPerMillion: 4.4 },
  }),
  openAI({
    id: 'gpt-4-turbo',
    kind: 'chat',
    contextWindow: 128_000,
    maxOutputTokens: 4_096,
    encoding: 'cl100k_base',
    pricing: { inputPerMillion: 10, outputPerMillion: 30 },
  }),
  openAI({
    id: 'gpt-3.5-turbo',
    kind: 'chat',
    contextWindow: 16_385,
    maxOutputTokens: 4_096,
    encoding: 'cl100k_base',
    pricing: { inputPerMillion: 0.5, outputPerMillion: 1.5 },
  }),
  openAI({
    id: 'text-embedding-3-small',
    kind: 'embedding',
    contextWindow: 8_191,
    dimensions: 1_536,
    encoding: 'cl100k_base',
    pricing: { inputPerMillion: 0.02, outputPerMillion: 0 },
  }),
  openAI({
    id: 'text-embedding-3-large',
    kind: 'embedding',
    contextWindow: 8_191,
    dimensions: 3_072,
    encoding: 'cl100k_base',
    pricing: { inputPerMillion: 0.13, outputPerMillion: 0 },
  }),
  openAI({
    id: 'text-embedding-ada-002',
    kind: 'embedding',
    contextWindow: 8_191,
    dimensions: 1_536,
    encoding: 'cl100k_base',
    pricing: { inputPerMillion: 0.1, outputPerMillion: 0 },
  }),
  anthropic({
    id: 'claude-opus-4-5',
    kind: 'chat',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    pricing: claudePricing(5, 25),
  }),
  anthropic({
    id: 'claude-opus-4-1',
    kind: 'chat',
    contextWindow: 200_000,
    maxOutputTokens: 32_000,
    pricing: claudePricing(15, 75),
  }),
  anthropic({
    id: 'claude-opus-4-0',
    kind: 'chat',
    contextWindow: 200_000,
    maxOutputTokens: 32_000,
    pricing: claudePricing(15, 75),
    aliases: ['claude-opus-4'],
  }),
  anthropic({
    id: 'claude-sonnet-4-5',
    kind: 'chat',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    pricing: claudePricing(3, 15),
  }),
  anthropic({
    id: 'claude-sonnet-4-0',
    kind: 'chat',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    pricing: claudePricing(3, 15),
    aliases: ['claude-sonnet-4'],
  }),
  anthropic({
    id: 'claude-3-7-sonnet',
    kind: 'chat',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    pricing: claudePricing(3, 15),
    aliases: ['claude-3-7-sonnet-latest'],
  }),
  anthropic({
    id: 'claude-haiku-4-5',
    kind: 'chat',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    pricing: claudePricing(1, 5),
  }),
  anthropic({
    id: 'claude-3-5-haiku',
    kind: 'chat',
    contextWindow: 200_000,
    maxOutputTokens: 8_192,
    pricing: claudePricing(0.8, 4),
    aliases: ['claude-3-5-haiku-latest'],
  }),
  anthropic({
    id: 'claude-3-haiku',
    kind: 'chat',
    contextWindow: 200_000,
    maxOutputTokens: 4_096,
    pricing: claudePricing(0.25, 1.25),
  }),
];
