import { parseBpeRanks, type TiktokenRankFile } from './bpe-ranks.js';
import type { EncodingName } from './encoding-name.js';
import { createTokenizer, type Tokenizer } from './tokenizer.js';

// One loaded tokenizer per encoding and process: the ranks are large (the o200k module is
// 2.3 MB) and immutable, so sharing them is the point. Concurrent first calls share the one
// pending promise; a failed load is forgotten so that a later call can try again.
const loading = new Map<EncodingName, Promise<Tokenizer>>();

// Each encoding is its own dynamic import, so a bundler splits it into its own chunk and an
// app that only uses o200k never loads cl100k. The ranks come from the installed package,
// never the network.
const rankModules: Record<EncodingName, () => Promise<{ default: TiktokenRankFile }>> = {
  o200k_base: () => import('js-tiktoken/ranks/o200k_base'),
  cl100k_base: () => import('js-tiktoken/ranks/cl100k_base'),
};

/** Loads (once per process) the tokenizer of `encoding`. */
export function loadEncoding(encoding: EncodingName): Promise<Tokenizer> {
  let pending = loading.get(encoding);
  if (pending === undefined) {
    pending = rankModules[encoding]().then(({ default: file }) =>
      createTokenizer({
        encoding,
        ranks: parseBpeRanks(file.bpe_ranks),
        pattern: file.pat_str,
        specialTokens: file.special_tokens,
      }),
    );
    pending.catch(() => loading.delete(encoding));
    loading.set(encoding, pending);
  }
  return pending;
}
