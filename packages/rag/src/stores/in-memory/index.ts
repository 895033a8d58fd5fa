export type { ApproximateIndex, ApproximateIndexInstance } from './approximate-index.js';
export type {
  ApproximateIndexReport,
  SavedApproximateIndex,
  SavedIndexTag,
} from './approximate-mirror.js';
export {
  InMemoryVectorStore,
  type InMemoryVectorStoreSnapshot,
} from './in-memory-vector-store.js';
export { javascriptKernel, type ScoreBuffer, type ScoreKernel } from './score-buffer.js';
export type { InMemoryVectorQuery, InMemoryVectorStoreOptions } from './store-options.js';
export { createWasmSimdKernel, defaultScoreKernel } from './wasm-simd-kernel.js';
