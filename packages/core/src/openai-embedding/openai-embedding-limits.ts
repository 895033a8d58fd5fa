import type { EmbeddingLimits } from './openai-embedding-model.js';

/**
 * OpenAI's documented limits for its embedding models: 2,048 inputs and 300,000 tokens per
 * request, 8,191 tokens per input, counted with cl100k_base.
 */
const openAIModels: Record<string, { dimensions: number }> = {
  'text-embedding-3-small': { dimensions: 1536 },
  'text-embedding-3-large': { dimensions: 3072 },
  'text-embedding-ada-002': { dimensions: 1536 },
};

/** The limits of an OpenAI embedding model; unknown ids get the per-request limits only. */
export function openAIEmbeddingLimits(modelId: string): EmbeddingLimits {
  const known = openAIModels[modelId];
  const perRequest = { maxBatchSize: 2048, maxBatchTokens: 300_000 };
  if (!known) return perRequest;
  return {
    ...perRequest,
    maxInputTokens: 8191,
    encoding: 'cl100k_base',
    dimensions: known.dimensions,
  };
}

/**
 * Default for OpenAI-compatible servers, whose limits vary (Ollama, vLLM, TEI, LM Studio):
 * small enough for any of them; raise it with the `maxBatchSize` setting.
 */
export const compatibleDefaultMaxBatchSize = 512;
