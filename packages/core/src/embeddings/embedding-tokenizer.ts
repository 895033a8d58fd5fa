/**
 * Exact token counts for the embedding limits, from the shared tokenizer of
 * `../tokens/` (loaded lazily per encoding from the ranks that ship with the package).
 */
import { getTokenizer } from '../tokens/get-tokenizer.js';
import type { EmbeddingModel } from '../types/embedding-model.js';

export type TokenEncoding = NonNullable<EmbeddingModel['encoding']>;

export interface EmbeddingTokenizer {
  count(text: string): number;
  /** The longest prefix of `text` (on a token boundary) of at most `maxTokens` tokens. */
  truncate(text: string, maxTokens: number): string;
}

/** The tokenizer of `encoding`, with truncation; loaded once per process and shared. */
export async function loadEmbeddingTokenizer(encoding: TokenEncoding): Promise<EmbeddingTokenizer> {
  const tokenizer = await getTokenizer({ encoding });
  return {
    count: (text) => tokenizer.count(text),
    truncate(text, maxTokens) {
      const tokens = tokenizer.encode(text);
      if (tokens.length <= maxTokens) return text;
      for (let kept = maxTokens; ; kept--) {
        // A cut inside a multi-byte character decodes to U+FFFD: drop that partial character.
        const prefix = tokenizer.decode(tokens.slice(0, kept)).replace(/\uFFFD+$/, '');
        if (kept === 0 || tokenizer.count(prefix) <= maxTokens) return prefix;
      }
    },
  };
}

/**
 * The UTF-8 length of `text`: never below its token count under a byte-level BPE
 * (cl100k_base, o200k_base), since every token stands for at least one byte. Lone
 * surrogates count 3, as the encoder replaces them with U+FFFD.
 */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 2; // 4 bytes for 2 code units
        i++;
      } else bytes += 2;
    } else bytes += 2;
  }
  return bytes;
}
