/**
 * The byte-pair ranks of one encoding, in the two directions the tokenizer needs. Token bytes
 * are held as "binary strings" (one char per byte, 0-255): V8 hashes and slices those far
 * faster than byte arrays or joined number lists, which is what makes loading and merging fast.
 */
export interface BpeRanks {
  /** Binary string of a token's bytes -> its rank (the token id). */
  readonly rankOf: Map<string, number>;
  /** Token id -> binary string of its bytes; holes where an id is unused. */
  readonly bytesOf: string[];
}

/** The shape of js-tiktoken's shipped rank modules (`js-tiktoken/ranks/<encoding>`). */
export interface TiktokenRankFile {
  pat_str: string;
  special_tokens: Record<string, number>;
  bpe_ranks: string;
}

/**
 * Parses js-tiktoken's compressed rank text: lines of `<ignored> <first rank> <base64 token>...`
 * where the tokens on a line have consecutive ranks.
 */
export function parseBpeRanks(text: string): BpeRanks {
  const rankOf = new Map<string, number>();
  const bytesOf: string[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const fields = line.split(' ');
    const offset = Number.parseInt(fields[1] ?? '', 10);
    if (!Number.isSafeInteger(offset) || offset < 0) {
      throw new Error(`Malformed rank line (offset ${JSON.stringify(fields[1])}).`);
    }
    for (let index = 2; index < fields.length; index++) {
      // atob yields exactly the binary string of the decoded bytes.
      const bytes = atob(fields[index] as string);
      const rank = offset + index - 2;
      rankOf.set(bytes, rank);
      bytesOf[rank] = bytes;
    }
  }
  return { rankOf, bytesOf };
}
