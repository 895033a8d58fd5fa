/**
 * `@weft/rag/usearch`: approximate nearest-neighbour search (HNSW, from the usearch native
 * library) for `InMemoryVectorStore`. usearch is an optional peer; Node only.
 */
export { type UsearchHnswOptions, usearchHnsw } from './usearch-hnsw.js';
