import { cosineSimilarity } from '../embeddings/cosine-similarity.js';
import type { ChatResponse } from '../types/chat-model.js';
import { checkNumberOption } from './check-option.js';

/** One cached answer of `semanticCacheMiddleware`. */
export interface SemanticCacheEntry {
  /**
   * Everything but the prompt that decides the answer (model, system prompt, earlier
   * turns, settings, embedding model), hashed: entries match only within one scope.
   */
  scope: string;
  /** The embedding of `prompt`. */
  vector: Float32Array;
  prompt: string;
  response: ChatResponse;
  /** When it was stored, in milliseconds since the epoch. */
  createdAt: number;
}

/** The closest entry found for a prompt, with its cosine similarity. */
export interface SemanticCacheMatch {
  entry: SemanticCacheEntry;
  similarity: number;
}

/**
 * Where `semanticCacheMiddleware` keeps answers: any vector index can implement it (the
 * in-memory one here; a Redis one later).
 */
export interface SemanticCacheStore {
  /** The most similar entry of `scope` whose similarity is at least `minSimilarity`. */
  findNearest(query: {
    scope: string;
    vector: Float32Array;
    minSimilarity: number;
  }): Promise<SemanticCacheMatch | undefined>;
  add(entry: SemanticCacheEntry): Promise<void>;
}

export interface MemorySemanticCacheStoreOptions {
  /** The most entries kept; the oldest goes first. Default 1,000. */
  maxEntries?: number;
  /** How long an entry stays valid. Default: until evicted. */
  ttlMs?: number;
  /** The clock, for tests. Default `Date.now`. */
  now?: () => number;
}

/** An in-memory `SemanticCacheStore`: an exact scan by cosine similarity. */
export function memorySemanticCacheStore(
  options: MemorySemanticCacheStoreOptions = {},
): SemanticCacheStore & { readonly size: number } {
  const name = 'memorySemanticCacheStore';
  checkNumberOption(name, 'maxEntries', options.maxEntries, { integer: true });
  checkNumberOption(name, 'ttlMs', options.ttlMs);
  const maxEntries = options.maxEntries ?? 1_000;
  const now = options.now ?? Date.now;
  let entries: SemanticCacheEntry[] = [];
  const live = (entry: SemanticCacheEntry, at: number) =>
    options.ttlMs === undefined || entry.createdAt + options.ttlMs > at;
  return {
    get size() {
      return entries.length;
    },
    async findNearest({ scope, vector, minSimilarity }) {
      const at = now();
      entries = entries.filter((entry) => live(entry, at));
      let best: SemanticCacheMatch | undefined;
      for (const entry of entries) {
        if (entry.scope !== scope || entry.vector.length !== vector.length) continue;
        const similarity = cosineSimilarity(entry.vector, vector);
        if (similarity >= minSimilarity && (!best || similarity > best.similarity)) {
          best = { entry, similarity };
        }
      }
      return best;
    },
    async add(entry) {
      entries.push(entry);
      if (entries.length > maxEntries) entries = entries.slice(entries.length - maxEntries);
    },
  };
}
