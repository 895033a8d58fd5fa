// Retrievers: every one implements `Retriever` (`retrieve(query, { topK, filter, signal })`).
export {
  type CohereRerankerOptions,
  cohereReranker,
} from './cohere-reranker.js';
export {
  type CompressionRetrieverOptions,
  compressionRetriever,
  locateExtract,
} from './compression-retriever.js';
export {
  type HybridRetrieverOptions,
  hybridRetriever,
  type WeightedRetriever,
} from './hybrid-retriever.js';
export { type HydeRetrieverOptions, hydeRetriever } from './hyde-retriever.js';
export {
  type ChunkSource,
  type KeywordRetrieverOptions,
  keywordRetriever,
} from './keyword-retriever.js';
export { type LlmRerankerOptions, llmReranker, parseRerankScores } from './llm-reranker.js';
export { type MmrCandidate, maximalMarginalRelevance } from './maximal-marginal-relevance.js';
export { type MmrRetrieverOptions, mmrRetriever } from './mmr-retriever.js';
export {
  type MultiQueryRetrieverOptions,
  multiQueryRetriever,
  parseQueryLines,
} from './multi-query-retriever.js';
export {
  type ParentDocumentRetrieverOptions,
  parentDocumentRetriever,
} from './parent-document-retriever.js';
export {
  type ReciprocalRankFusionOptions,
  reciprocalRankFusion,
  type WeightedRanking,
} from './reciprocal-rank-fusion.js';
export { type RerankRetrieverOptions, rerankRetriever } from './rerank-retriever.js';
export type { RerankedItem, Reranker, RerankOptions, RerankResult } from './reranker.js';
export type { RetrieverWarning } from './retrieve-options.js';
export {
  type SentenceWindowRetrieverOptions,
  sentenceWindowRetriever,
} from './sentence-window-retriever.js';
export { type VectorRetrieverOptions, vectorRetriever } from './vector-retriever.js';
