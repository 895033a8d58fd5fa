export {
  InMemoryVectorStore,
  type InMemoryVectorStoreOptions,
  type InMemoryVectorStoreSnapshot,
} from './in-memory-vector-store.js';
export { javascriptKernel, type ScoreBuffer, type ScoreKernel } from './score-buffer.js';
export { createWasmSimdKernel, defaultScoreKernel } from './wasm-simd-kernel.js';
