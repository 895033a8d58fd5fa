import type { MetadataFilter } from './filter.js';

/** What a store keeps for one chunk. */
export interface VectorRecord {
  id: string;
  vector: Float32Array;
  text?: string;
  metadata?: Record<string, unknown>;
}

/** A query result. `score` is always "higher is more similar" (cosine similarity in [-1, 1] unless the store says otherwise). */
export interface ScoredRecord {
  id: string;
  score: number;
  text?: string;
  metadata?: Record<string, unknown>;
  /** Present when the query asked for vectors. */
  vector?: Float32Array;
}

export interface VectorQuery {
  vector: Float32Array | number[];
  /** How many results at most; a positive integer. */
  topK: number;
  filter?: MetadataFilter;
  /** Results scoring below this are left out. */
  minScore?: number;
  includeVectors?: boolean;
  signal?: AbortSignal;
}

/** What a store can do, so callers and the conformance suite know what to expect. */
export interface VectorStoreCapabilities {
  /** The filter operators it supports; others are refused with a clear error. */
  filterOperators: ReadonlyArray<
    | '$eq'
    | '$ne'
    | '$gt'
    | '$gte'
    | '$lt'
    | '$lte'
    | '$in'
    | '$nin'
    | '$exists'
    | '$and'
    | '$or'
    | '$not'
  >;
  /** What `score` measures. */
  score: 'cosine';
  keywordSearch: boolean;
  maxDimensions?: number;
}

/**
 * The vector-store contract. Implement it to add a store; `describeVectorStore` from
 * `@weft/rag/testing` checks an implementation.
 */
export interface VectorStore {
  readonly dimensions: number;
  readonly capabilities: VectorStoreCapabilities;
  /** Inserts or overwrites by id. All-or-nothing: a bad record changes nothing. */
  upsert(records: VectorRecord[]): Promise<void>;
  query(query: VectorQuery): Promise<ScoredRecord[]>;
  /** Deletes by ids, or every record matching a filter. Returns how many were deleted. */
  delete(selector: { ids: string[] } | { filter: MetadataFilter }): Promise<number>;
  /** The records with these ids, in the same order; missing ids are left out. */
  get(ids: string[]): Promise<VectorRecord[]>;
  count(filter?: MetadataFilter): Promise<number>;
  close(): Promise<void>;
}
