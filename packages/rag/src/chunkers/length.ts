import { getTokenizer, type Tokenizer, ValidationError } from '@weft/core';
import type { LengthFunction } from '../types/index.js';

/**
 * Length in UTF-16 code units (`text.length`, what LangChain's splitters count), so an emoji
 * outside the Basic Multilingual Plane counts 2. Chunkers recognise this function and measure
 * offsets arithmetically instead of slicing, which is what makes character chunking fast.
 */
export const characterLength: LengthFunction = (text: string): number => text.length;

/** Which tokenizer `tokenLength` counts with. */
export type TokenLengthOptions =
  | { encoding: 'o200k_base' | 'cl100k_base' }
  | { model: string }
  | { tokenizer: Tokenizer };

/**
 * A length function that counts tokens, exactly as the model's tokenizer does. Async because
 * an encoding loads on first use (from the package, never the network); the returned function
 * is synchronous.
 *
 * @example
 * const chunker = recursiveChunker({ chunkSize: 512, chunkOverlap: 64, length: await tokenLength({ model: 'gpt-4o' }) });
 */
export async function tokenLength(options: TokenLengthOptions): Promise<LengthFunction> {
  const tokenizer = await resolveTokenizer(options, 'tokenLength');
  return (text: string) => tokenizer.count(text);
}

/** The tokenizer named by `{ encoding }`, `{ model }` or given as `{ tokenizer }`. */
export async function resolveTokenizer(
  options: TokenLengthOptions,
  caller: string,
): Promise<Tokenizer> {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError(`${caller} needs { encoding }, { model } or { tokenizer }.`, {
      issues: [{ path: [], message: 'expected an options object' }],
    });
  }
  if ('tokenizer' in options) return checkTokenizer(options.tokenizer, caller);
  return getTokenizer(options);
}

/** Checks that `tokenizer` looks like core's `Tokenizer` (encode, decode, count). */
export function checkTokenizer(tokenizer: Tokenizer | undefined, caller: string): Tokenizer {
  if (
    typeof tokenizer?.encode !== 'function' ||
    typeof tokenizer.decode !== 'function' ||
    typeof tokenizer.count !== 'function'
  ) {
    throw new ValidationError(`${caller}: tokenizer must have encode, decode and count.`, {
      issues: [{ path: ['tokenizer'], message: 'expected a Tokenizer from getTokenizer' }],
    });
  }
  return tokenizer;
}
