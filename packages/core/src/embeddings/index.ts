export { cosineSimilarity } from './cosine-similarity.js';
export { type EmbedOptions, type EmbedResult, embed } from './embed.js';
export {
  defaultEmbedConcurrency,
  type EmbedManyOptions,
  type EmbedManyResult,
  type EmbedProgress,
  embedMany,
} from './embed-many.js';
export {
  type EmbeddingCacheEntry,
  type EmbeddingCacheStore,
  embeddingCacheKey,
  type MemoryEmbeddingCacheOptions,
  memoryEmbeddingCache,
} from './embedding-cache.js';
// `fileEmbeddingCache` (./file-embedding-cache.ts) is Node-only and ships from its own entry.
