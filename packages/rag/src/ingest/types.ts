import type { EmbeddingCacheStore, EmbeddingModel, Usage } from '@weft/core';
import type { BM25Index } from '../bm25/index.js';
import type { AsyncChunker } from '../chunkers/index.js';
import type { Chunker, Document } from '../types/index.js';
import type { VectorStore } from '../types/vector-store.js';

/** What ingestion remembers about one document between runs. */
export interface IngestedDocument {
  /** SHA-256 of the document's text (its `contentHash`, or computed). */
  contentHash: string;
  /**
   * The chunk ids this document may have in the store. While a run is writing a document it
   * holds the old ids and the new ones, so that a crash never leaves a record nobody knows of.
   */
  chunkIds: string[];
}

/** Ingestion's memory between runs: which documents it wrote, and their chunk ids. */
export interface IngestState {
  version: 1;
  documents: Record<string, IngestedDocument>;
}

/** Where the ingestion state lives: `memoryIngestState()`, or `fileIngestState(path)` from `@weft/rag/node`. */
export interface IngestStateStore {
  /** The saved state, or `undefined` before the first run. */
  load(): Promise<IngestState | undefined>;
  /** Replaces the saved state; must be atomic (a crash leaves the old state or the new). */
  save(state: IngestState): Promise<void>;
}

export type IngestPhase = 'chunking' | 'embedding' | 'writing' | 'deleting' | 'done';

/** Reported as ingestion goes; enough for a progress bar (`chunks / total`). */
export interface IngestProgress {
  phase: IngestPhase;
  /** Documents chunked so far, of `totalDocuments`. */
  documents: number;
  totalDocuments: number;
  /** Chunks done so far (written, or found unchanged), of `total`. */
  chunks: number;
  /** All chunks of the documents (known once chunking is over; 0 before). */
  total: number;
  /** Texts embedded so far, of `toEmbed`. */
  embedded: number;
  /** Texts that need embedding in this run (known once the store has been compared). */
  toEmbed: number;
  /** Records deleted so far (chunks of removed documents, or left over by changed ones). */
  deleted: number;
}

export interface IngestOptions {
  /** The full set of documents (or, with `prune: false`, the ones to add or update). Ids must be unique. */
  documents: readonly Document[];
  chunker: Chunker | AsyncChunker;
  embeddingModel: EmbeddingModel;
  store: VectorStore;
  /** Kept in sync with the store: written chunks are (re)indexed, deleted ones removed. */
  keywordIndex?: BM25Index;
  /**
   * Remembers the chunk ids of each document, so that removed documents and the chunks a
   * changed document no longer has can be deleted. Without it nothing is ever deleted.
   */
  state?: IngestStateStore;
  /**
   * Delete the chunks of documents that are in the state but not in `documents`. Default
   * `true`: `documents` is the whole collection. Set `false` to add or update a few documents.
   */
  prune?: boolean;
  /** Records per `store.upsert` call. Default 256. */
  batchSize?: number;
  /** Embedding requests in flight at once. Default 4. */
  concurrency?: number;
  /** Vectors already paid for, by text (see `memoryEmbeddingCache` in `@weft/core`). */
  embeddingCache?: EmbeddingCacheStore;
  onProgress?: (progress: IngestProgress) => void;
  /** Stops the run; what was committed stays committed and the state stays consistent. */
  signal?: AbortSignal;
  /** Passed to each embedding request. */
  maxRetries?: number;
}

/** What a run did. Chunk counts unless the name says documents. */
export interface IngestResult {
  /** Chunks written under an id the store did not have. */
  added: number;
  /** Chunks written over an existing record whose text, offsets or metadata changed. */
  updated: number;
  /** Chunks already in the store as they are: neither embedded nor written. */
  unchanged: number;
  /** Records deleted: chunks of removed documents and chunks changed documents no longer have. */
  deleted: number;
  /** All chunks of `documents`. */
  chunks: number;
  /** Texts sent to the embedding model (cache hits and reused vectors not counted). */
  embeddedTexts: number;
  usage: Usage;
  documents: {
    /** Documents the state did not know. */
    added: number;
    /** Documents with at least one chunk written or deleted. */
    changed: number;
    unchanged: number;
    /** Documents in the state but not in `documents` (with `prune`). */
    removed: number;
  };
}
