import type { ChatResponse, ChatStreamEvent } from '../types/chat-model.js';
import { checkNumberOption } from './check-option.js';

/** What `cacheMiddleware` keeps for one request: a response, or a stream's events. */
export type CachedCall =
  | { kind: 'generate'; response: ChatResponse }
  | { kind: 'stream'; events: ChatStreamEvent[] };

/**
 * Where `cacheMiddleware` keeps answers. Async, so that a shared store (Redis, a database)
 * can implement it; `ttlMs` is the entry's lifetime, when one was asked for.
 */
export interface CacheStore<T = CachedCall> {
  get(key: string): Promise<T | undefined>;
  set(key: string, value: T, options?: { ttlMs?: number }): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface MemoryCacheStoreOptions {
  /** The most entries kept; the least recently used goes first. Default 1,000. */
  maxEntries?: number;
  /** The clock, for tests. Default `Date.now`. */
  now?: () => number;
}

/** An in-memory LRU `CacheStore`, with per-entry expiry. */
export function memoryCacheStore<T = CachedCall>(
  options: MemoryCacheStoreOptions = {},
): CacheStore<T> & { readonly size: number } {
  const maxEntries = options.maxEntries ?? 1_000;
  const now = options.now ?? Date.now;
  checkNumberOption('memoryCacheStore', 'maxEntries', maxEntries, { integer: true });
  // A Map iterates in insertion order: re-inserting on each read keeps the oldest first.
  const entries = new Map<string, { value: T; expiresAt: number }>();
  return {
    get size() {
      return entries.size;
    },
    async get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (entry.expiresAt <= now()) return undefined;
      entries.set(key, entry);
      return entry.value;
    },
    async set(key, value, setOptions = {}) {
      entries.delete(key);
      const ttlMs = setOptions.ttlMs;
      entries.set(key, { value, expiresAt: ttlMs === undefined ? Infinity : now() + ttlMs });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
    },
    async delete(key) {
      entries.delete(key);
    },
  };
}
