import type { Chunk } from './document.js';
import type { MetadataFilter } from './filter.js';

/** A chunk with its retrieval score (higher is better; scales differ between retrievers). */
export interface ScoredChunk {
  chunk: Chunk;
  score: number;
}

export interface RetrieveOptions {
  topK?: number;
  filter?: MetadataFilter;
  signal?: AbortSignal;
}

/** Anything that finds the chunks relevant to a query. */
export interface Retriever {
  retrieve(query: string, options?: RetrieveOptions): Promise<ScoredChunk[]>;
}
