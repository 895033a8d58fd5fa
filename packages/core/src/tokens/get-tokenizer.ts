import { ValidationError } from '../errors/errors.js';
import { loadEncoding } from './load-encoding.js';
import { resolveEncoding, type TokenizerSelector } from './model-encoding.js';
import type { Tokenizer } from './tokenizer.js';

/**
 * The tokenizer of a model or an encoding, loaded from the ranks shipped with the package
 * (never the network) on first use and shared by the whole process afterwards.
 *
 * @example
 * const tokenizer = await getTokenizer({ model: 'gpt-4o' });
 * tokenizer.count('Hello, world'); // 4
 */
export async function getTokenizer(selector: TokenizerSelector): Promise<Tokenizer> {
  if (typeof selector !== 'object' || selector === null) {
    throw new ValidationError('Pass { model } or { encoding } to choose a tokenizer.', {
      issues: [{ path: [], message: 'expected { model } or { encoding }' }],
    });
  }
  return loadEncoding(resolveEncoding(selector));
}

/**
 * The number of tokens in `text` for a model or an encoding, identical to tiktoken's count.
 * Special-token text such as `<|endoftext|>` counts as ordinary text.
 *
 * @example
 * await countTokens('Hello, world', { model: 'gpt-4o' }); // 4
 */
export async function countTokens(text: string, selector: TokenizerSelector): Promise<number> {
  if (typeof text !== 'string') {
    throw new ValidationError('countTokens expects a string.', {
      issues: [{ path: ['text'], message: `expected a string, got ${typeof text}` }],
    });
  }
  const tokenizer = await getTokenizer(selector);
  return tokenizer.count(text);
}
