export { type BudgetMiddlewareOptions, budgetMiddleware } from './budget-middleware.js';
export { type CacheMiddlewareOptions, cacheMiddleware } from './cache-middleware.js';
export {
  type CachedCall,
  type CacheStore,
  type MemoryCacheStoreOptions,
  memoryCacheStore,
} from './cache-store.js';
export type { ChatMiddleware, GenerateCall, StreamCall } from './chat-middleware.js';
export {
  applyDefaultSettings,
  type DefaultSettings,
  defaultSettingsMiddleware,
} from './default-settings-middleware.js';
export { estimateRequestTokens } from './estimate-tokens.js';
export { type FallbackModelOptions, fallbackModel } from './fallback-model.js';
export {
  type LoggingMiddlewareOptions,
  type LogLevel,
  loggingMiddleware,
  type MiddlewareLogger,
  redactKeyLikeTokens,
} from './logging-middleware.js';
export {
  type RateLimitMiddlewareOptions,
  rateLimitMiddleware,
} from './rate-limit-middleware.js';
export {
  type CassetteStorage,
  type RecordReplayMiddlewareOptions,
  type RecordReplayMode,
  recordReplayMiddleware,
} from './record-replay-middleware.js';
export { normalizedRequest, requestKey, stableStringify } from './request-key.js';
export { type RetryMiddlewareOptions, retryMiddleware } from './retry-middleware.js';
export { type RouterModelOptions, routerModel } from './router-model.js';
export {
  type SemanticCacheMiddlewareOptions,
  semanticCacheMiddleware,
} from './semantic-cache-middleware.js';
export {
  type MemorySemanticCacheStoreOptions,
  memorySemanticCacheStore,
  type SemanticCacheEntry,
  type SemanticCacheMatch,
  type SemanticCacheStore,
} from './semantic-cache-store.js';
export type { LimiterClock } from './sliding-window-limiter.js';
export { UnrecordedRequestError } from './unrecorded-request-error.js';
export { wrapModel } from './wrap-model.js';
