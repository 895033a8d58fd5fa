import { ValidationError } from '../errors/errors.js';
import type { BpeRanks } from './bpe-ranks.js';
import { bytePairEncode } from './byte-pair-merge.js';
import type { EncodingName } from './encoding-name.js';
import { compileSplitPattern } from './split-pattern.js';
import { binaryStringToBytes, utf8BinaryString } from './utf8.js';

/**
 * A loaded encoding. Every method is synchronous, so it fits inside loops and callbacks.
 * Special-token text such as `<|endoftext|>` in the input is treated as ordinary text (what
 * OpenAI's API does with user content), never as the special token.
 */
export interface Tokenizer {
  readonly encoding: EncodingName;
  /** The number of tokens in `text`; equals `encode(text).length`. */
  count(text: string): number;
  /** The token ids of `text`, identical to tiktoken's `encode_ordinary`. */
  encode(text: string): number[];
  /** The text of `tokens`; bytes that do not form valid UTF-8 become U+FFFD. */
  decode(tokens: readonly number[]): string;
}

export interface TokenizerSource {
  encoding: EncodingName;
  ranks: BpeRanks;
  /** The encoding's pre-tokenization pattern (tiktoken's `pat_str`). */
  pattern: string;
  specialTokens: Record<string, number>;
}

// Pieces repeat a lot in real text (words, indentation, punctuation), so the result of each
// piece is kept. The bound keeps memory flat on endless streams of unique pieces; clearing
// everything at once is cruder than LRU but costs nothing on the hot path.
const maxCachedPieces = 200_000;

/** Builds a tokenizer over parsed ranks. */
export function createTokenizer(source: TokenizerSource): Tokenizer {
  const { rankOf, bytesOf } = source.ranks;
  const splitter = compileSplitPattern(source.pattern);
  const countCache = new Map<string, number>();
  const idsCache = new Map<string, number[]>();
  const specialById = new Map<number, string>();
  for (const [text, id] of Object.entries(source.specialTokens)) {
    specialById.set(id, utf8BinaryString(text));
  }
  const decoder = new TextDecoder('utf-8');

  function idsOfPiece(piece: string): number[] {
    const binary = utf8BinaryString(piece);
    const rank = rankOf.get(binary);
    return rank === undefined ? bytePairEncode(binary, rankOf) : [rank];
  }

  function countPiece(piece: string): number {
    let count = countCache.get(piece);
    if (count === undefined) {
      const binary = utf8BinaryString(piece);
      count = rankOf.has(binary) ? 1 : bytePairEncode(binary, rankOf).length;
      if (countCache.size >= maxCachedPieces) countCache.clear();
      countCache.set(piece, count);
    }
    return count;
  }

  return {
    encoding: source.encoding,
    count(text) {
      let total = 0;
      splitter.lastIndex = 0;
      for (let match = splitter.exec(text); match !== null; match = splitter.exec(text)) {
        total += countPiece(match[0]);
      }
      return total;
    },
    encode(text) {
      const ids: number[] = [];
      splitter.lastIndex = 0;
      for (let match = splitter.exec(text); match !== null; match = splitter.exec(text)) {
        const piece = match[0];
        let pieceIds = idsCache.get(piece);
        if (pieceIds === undefined) {
          pieceIds = idsOfPiece(piece);
          if (idsCache.size >= maxCachedPieces) idsCache.clear();
          idsCache.set(piece, pieceIds);
        }
        for (const id of pieceIds) ids.push(id);
      }
      return ids;
    },
    decode(tokens) {
      let binary = '';
      for (const id of tokens) {
        const bytes = bytesOf[id] ?? specialById.get(id);
        if (bytes === undefined) {
          throw new ValidationError(
            `Token id ${id} is not part of the ${source.encoding} encoding.`,
            {
              issues: [{ path: ['tokens'], message: `unknown token id ${id}` }],
            },
          );
        }
        binary += bytes;
      }
      return decoder.decode(binaryStringToBytes(binary));
    },
  };
}
