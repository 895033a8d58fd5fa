import type { Chunk, ChunkWarning, Document } from '../types/index.js';

/**
 * A chunker that needs I/O to decide where to cut (the semantic chunker embeds sentences).
 * Same contract as `Chunker`, with a promise; ingestion accepts both.
 */
export interface AsyncChunker {
  chunk(input: Document | string, options?: { signal?: AbortSignal }): Promise<Chunk[]>;
  /** Warnings from the last `chunk` call. */
  readonly warnings: readonly ChunkWarning[];
}
