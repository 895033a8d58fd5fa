import { ValidationError } from '../errors/errors.js';
import type { Usage } from '../types/usage.js';
import { type EmbedManyOptions, embedMany } from './embed-many.js';

export interface EmbedOptions
  extends Omit<EmbedManyOptions, 'values' | 'concurrency' | 'onProgress'> {
  value: string;
}

export interface EmbedResult {
  embedding: Float32Array;
  usage: Usage;
  /** True when `value` was cut to the model's token limit (with `truncate: true`). */
  truncated: boolean;
  /** True when the vector came from the cache and no request was sent. */
  cached: boolean;
}

/**
 * Embeds one text. Same checks, cache and token limits as `embedMany`.
 *
 * @example
 * const { embedding } = await embed({ model: openai.embedding('text-embedding-3-small'), value: 'sunny day' });
 */
export async function embed(options: EmbedOptions): Promise<EmbedResult> {
  const { value, ...rest } = options;
  if (typeof value !== 'string') {
    throw new ValidationError(`embed needs a string \`value\`, got ${typeof value}.`, {
      issues: [{ path: ['value'], message: 'must be a string' }],
    });
  }
  const result = await embedMany({ ...rest, values: [value] });
  return {
    embedding: result.embeddings[0] as Float32Array,
    usage: result.usage,
    truncated: result.truncated.length > 0,
    cached: result.cacheHits > 0,
  };
}
