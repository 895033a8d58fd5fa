import { ValidationError, type ValidationIssue } from '../errors/errors.js';
import type { EmbeddingModel } from '../types/embedding-model.js';
import {
  type EmbeddingTokenizer,
  loadEmbeddingTokenizer,
  utf8Length,
} from './embedding-tokenizer.js';

/** How `embedMany` counts tokens: exactly when it can, else with an upper bound. */
export interface TokenCounting {
  /** Exact count, loading the tokenizer on first use; `undefined` when none is known. */
  exact(): Promise<((text: string) => number) | undefined>;
  /** The tokenizer itself, for truncation; `undefined` without a model encoding. */
  tokenizer(): Promise<EmbeddingTokenizer | undefined>;
}

/** Exact counting from the caller's `countTokens`, else the model's encoding, else none. */
export function tokenCounting(
  model: EmbeddingModel,
  countTokens: ((text: string) => number) | undefined,
): TokenCounting {
  const tokenizer = () =>
    model.encoding ? loadEmbeddingTokenizer(model.encoding) : Promise.resolve(undefined);
  return {
    tokenizer,
    async exact() {
      if (countTokens) return countTokens;
      const loaded = await tokenizer();
      return loaded ? (text) => loaded.count(text) : undefined;
    },
  };
}

/** Refuses anything but a non-empty array of non-empty strings. */
export function checkValues(values: unknown): asserts values is string[] {
  if (!Array.isArray(values) || values.length === 0) {
    throw new ValidationError('embedMany needs a non-empty array of strings in `values`.', {
      issues: [{ path: ['values'], message: 'must be a non-empty array of strings' }],
    });
  }
  const issues: ValidationIssue[] = [];
  for (let index = 0; index < values.length && issues.length < 10; index++) {
    const value: unknown = values[index];
    if (typeof value !== 'string') {
      issues.push({ path: ['values', index], message: `must be a string, got ${typeof value}` });
    } else if (value === '') {
      issues.push({ path: ['values', index], message: 'an empty string has no embedding' });
    }
  }
  if (issues.length > 0) {
    const lines = issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`);
    throw new ValidationError(`Invalid values for embedMany:\n${lines.join('\n')}`, { issues });
  }
}

/**
 * Applies the model's per-input token limit. A text whose UTF-8 length is within the limit
 * fits for certain, so only longer texts are counted exactly. Over the limit: a
 * `ValidationError` naming the limit and the positions, or, with `truncate`, the text cut
 * to the limit. Without any way to count exactly, long texts are left for the provider to
 * judge. Returns the texts to send and the positions that were truncated.
 */
export async function applyInputLimit(
  values: string[],
  model: EmbeddingModel,
  counting: TokenCounting,
  truncate: boolean,
): Promise<{ texts: string[]; truncated: number[] }> {
  const limit = model.maxInputTokens;
  if (limit === undefined) return { texts: values, truncated: [] };
  const suspects: number[] = [];
  for (let index = 0; index < values.length; index++) {
    const text = values[index] as string;
    // Three UTF-8 bytes per UTF-16 unit at most: most texts need no closer look.
    if (text.length * 3 > limit && utf8Length(text) > limit) suspects.push(index);
  }
  if (suspects.length === 0) return { texts: values, truncated: [] };
  const count = await counting.exact();
  if (!count) return { texts: values, truncated: [] };
  const over = suspects
    .map((index) => ({ index, tokens: count(values[index] as string) }))
    .filter((entry) => entry.tokens > limit);
  if (over.length === 0) return { texts: values, truncated: [] };
  if (!truncate) {
    const [first] = over as [{ index: number; tokens: number }];
    const more = over.length > 1 ? ` (and ${over.length - 1} more)` : '';
    throw new ValidationError(
      `values[${first.index}] has ${first.tokens} tokens${more}, over the limit of ${limit} tokens per input of ${model.provider}/${model.modelId}. Shorten it, or pass truncate: true to cut it to the limit.`,
      {
        issues: over.map(({ index, tokens }) => ({
          path: ['values', index],
          message: `${tokens} tokens, limit ${limit}`,
        })),
      },
    );
  }
  const tokenizer = await counting.tokenizer();
  if (!tokenizer) {
    throw new ValidationError(
      `truncate needs the model's tokenizer, and ${model.provider}/${model.modelId} names no encoding; set its \`encoding\`, or shorten values[${over[0]?.index}].`,
      { issues: [{ path: ['truncate'], message: 'the model has no encoding' }] },
    );
  }
  const texts = values.slice();
  for (const { index } of over) texts[index] = tokenizer.truncate(texts[index] as string, limit);
  return { texts, truncated: over.map((entry) => entry.index) };
}
