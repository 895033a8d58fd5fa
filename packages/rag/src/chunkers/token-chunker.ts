import type { Tokenizer } from '@weft/core';
import type { Chunk, Chunker, ChunkWarning, Document } from '../types/index.js';
import { buildChunks, type ChunkSizeOptions, checkSizeOptions, toDocument } from './chunk-input.js';
import { checkTokenizer, resolveTokenizer, type TokenLengthOptions } from './length.js';
import { skipWhitespaceBackward, skipWhitespaceForward, type TextRange } from './text-ranges.js';

export interface TokenChunkerOptions extends ChunkSizeOptions {
  /** A loaded tokenizer (`await getTokenizer({ model })`); `tokenChunker.create` loads one. */
  tokenizer: Tokenizer;
}

/** Where token and character positions meet: token `tokens[i]` starts at `chars[i]`. */
interface TokenBoundaries {
  tokens: number[];
  chars: number[];
}

/**
 * The positions where a token boundary is also a character boundary, found by decoding
 * tokens in order: a group of tokens ends on a character when its decoded text is exactly
 * the next stretch of the document. A token that holds part of a multi-byte character joins
 * the next until the character is complete, so no offset ever lands inside a character.
 */
function tokenBoundaries(text: string, tokenizer: Tokenizer): TokenBoundaries {
  const ids = tokenizer.encode(text);
  const tokens = [0];
  const chars = [0];
  let position = 0;
  let groupStart = 0;
  for (let index = 0; index < ids.length; index++) {
    const decoded = tokenizer.decode(ids.slice(groupStart, index + 1));
    if (decoded.length > 0 && text.startsWith(decoded, position)) {
      position += decoded.length;
      groupStart = index + 1;
      tokens.push(groupStart);
      chars.push(position);
    }
  }
  if (position < text.length || groupStart < ids.length) {
    // Unreachable for valid encodings; kept so that the last chunk always ends the text.
    tokens.push(ids.length);
    chars.push(text.length);
  }
  return { tokens, chars };
}

/** The largest index `i` with `values[i] <= target` (values increase). */
function lastAtMost(values: readonly number[], target: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if ((values[middle] as number) <= target) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * Fixed windows of `chunkSize` tokens, each starting `chunkOverlap` tokens before the previous
 * one ended, with exact character offsets. Synchronous over a loaded tokenizer; use
 * `await tokenChunker.create({ model | encoding, chunkSize, chunkOverlap })` to load one.
 * A chunk's own token count (`tokenizer.count(chunk.text)`) never exceeds `chunkSize`.
 *
 * @example
 * const chunker = await tokenChunker.create({ model: 'gpt-4o', chunkSize: 256, chunkOverlap: 32 });
 */
function createTokenChunker(options: TokenChunkerOptions): Chunker {
  const chunkOverlap = checkSizeOptions(options, 'tokenChunker');
  const { chunkSize } = options;
  const tokenizer = checkTokenizer(options.tokenizer, 'tokenChunker');
  let warnings: readonly ChunkWarning[] = [];
  return {
    get warnings() {
      return warnings;
    },
    chunk(input: Document | string): Chunk[] {
      const document = toDocument(input, 'tokenChunker');
      const { text } = document;
      const found: ChunkWarning[] = [];
      const spans: TextRange[] = [];
      const { tokens, chars } = tokenBoundaries(text, tokenizer);
      const lastBoundary = tokens.length - 1;
      let first = 0;
      while (first < lastBoundary) {
        let last = Math.max(first + 1, lastAtMost(tokens, (tokens[first] as number) + chunkSize));
        // The document's tokens and the chunk's own tokens can differ at the edges; shrink
        // until the chunk alone fits too.
        while (
          last > first + 1 &&
          tokenizer.count(text.slice(chars[first], chars[last])) > chunkSize
        ) {
          last--;
        }
        const from = skipWhitespaceForward(text, chars[first] as number, chars[last] as number);
        const to = skipWhitespaceBackward(text, from, chars[last] as number);
        // A window that adds only whitespace after the previous chunk adds nothing.
        if (from < to && to > (spans[spans.length - 1]?.end ?? 0)) {
          if (tokenizer.count(text.slice(from, to)) > chunkSize) {
            found.push({
              type: 'oversized-unit',
              message: `One character at offset ${from} takes more than chunkSize ${chunkSize} tokens; it is kept whole.`,
              chunkIndex: spans.length,
            });
          }
          spans.push({ start: from, end: to });
        }
        if (last >= lastBoundary) break;
        let next = lastAtMost(tokens, (tokens[last] as number) - chunkOverlap);
        if ((tokens[next] as number) < (tokens[last] as number) - chunkOverlap) next++;
        // Start past the previous chunk's first character, so starts strictly increase.
        const previousStart = spans[spans.length - 1]?.start ?? -1;
        next = Math.max(next, first + 1, lastAtMost(chars, previousStart) + 1);
        const shared = (tokens[last] as number) - (tokens[next] as number);
        if (chunkOverlap > 0 && shared * 2 < chunkOverlap) {
          found.push({
            type: 'overlap-reduced',
            message: `Overlap reduced to ${shared} tokens (asked ${chunkOverlap}): characters there take several tokens each, or the previous chunk was that short.`,
            chunkIndex: spans.length,
          });
        }
        first = next;
      }
      warnings = found;
      return buildChunks(document, spans);
    },
  };
}

/** Options of `tokenChunker.create`: sizes plus the tokenizer to load. */
export type TokenChunkerCreateOptions = ChunkSizeOptions & TokenLengthOptions;

/** Loads the tokenizer named by `{ model }` or `{ encoding }` and makes a token chunker. */
async function createWithTokenizer(options: TokenChunkerCreateOptions): Promise<Chunker> {
  checkSizeOptions(options, 'tokenChunker');
  const tokenizer = await resolveTokenizer(options, 'tokenChunker.create');
  return createTokenChunker({ ...options, tokenizer });
}

/** Fixed token windows with overlap and exact offsets; see `TokenChunkerOptions`. */
export const tokenChunker: typeof createTokenChunker & {
  create: typeof createWithTokenizer;
} = Object.assign(createTokenChunker, { create: createWithTokenizer });
