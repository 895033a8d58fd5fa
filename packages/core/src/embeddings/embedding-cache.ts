import { ValidationError } from '../errors/errors.js';
import type { EmbeddingModel } from '../types/embedding-model.js';

/** One cached vector. */
export interface EmbeddingCacheEntry {
  key: string;
  embedding: Float32Array;
}

/**
 * Where `embedMany` keeps vectors it has already paid for. Implement it over any key-value
 * store (Redis, SQLite, KV); keys come from `embeddingCacheKey`.
 */
export interface EmbeddingCacheStore {
  /** The vectors for `keys`, in the same order; `undefined` for a miss. */
  get(keys: readonly string[]): Promise<Array<Float32Array | undefined>>;
  set(entries: readonly EmbeddingCacheEntry[]): Promise<void>;
}

const hex = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * The cache key of `text` under `model`: SHA-256 (Web Crypto, so it runs on Node and edge
 * runtimes) of the provider, model id, dimensions and the text. Another model, or the same
 * model asked for shorter vectors, never shares an entry.
 */
export async function embeddingCacheKey(
  model: Pick<EmbeddingModel, 'provider' | 'modelId' | 'dimensions'>,
  text: string,
): Promise<string> {
  const material = JSON.stringify([model.provider, model.modelId, model.dimensions ?? null, text]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(material));
  let key = '';
  for (const byte of new Uint8Array(digest)) key += hex[byte];
  return key;
}

export interface MemoryEmbeddingCacheOptions {
  /** Most vectors kept; the least recently used go first. Unlimited when not set. */
  maxEntries?: number;
}

/**
 * An in-process `EmbeddingCacheStore`. Vectors are copied in and out, so a caller that
 * changes a returned vector cannot change the cache.
 */
export function memoryEmbeddingCache(
  options: MemoryEmbeddingCacheOptions = {},
): EmbeddingCacheStore & { readonly size: number; clear(): void } {
  const { maxEntries } = options;
  if (maxEntries !== undefined && (!Number.isInteger(maxEntries) || maxEntries < 1)) {
    throw new ValidationError(`maxEntries must be a positive integer, got ${maxEntries}.`, {
      issues: [{ path: ['maxEntries'], message: 'must be a positive integer' }],
    });
  }
  const entries = new Map<string, Float32Array>();
  return {
    get size() {
      return entries.size;
    },
    clear() {
      entries.clear();
    },
    async get(keys) {
      return keys.map((key) => {
        const vector = entries.get(key);
        if (!vector) return undefined;
        // Re-inserting marks the entry as the most recently used.
        entries.delete(key);
        entries.set(key, vector);
        return vector.slice();
      });
    },
    async set(newEntries) {
      for (const { key, embedding } of newEntries) {
        entries.delete(key);
        entries.set(key, embedding.slice());
      }
      if (maxEntries !== undefined) {
        for (const key of entries.keys()) {
          if (entries.size <= maxEntries) break;
          entries.delete(key);
        }
      }
    },
  };
}
