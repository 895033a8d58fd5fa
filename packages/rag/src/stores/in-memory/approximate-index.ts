/**
 * An approximate nearest-neighbour index that an `InMemoryVectorStore` keeps beside its
 * matrix (HNSW through usearch: `usearchHnsw()` from `@weft/rag/usearch`). It only proposes
 * candidates; the store rescores them exactly from its float32 matrix, so scores are the
 * same exact cosines as a full scan. Each store creates its own instance from the recipe,
 * so one recipe can be passed to many stores (and to `loadVectorStore`).
 */
export interface ApproximateIndex {
  /** A short name for error messages, e.g. `usearch-hnsw`. */
  readonly name: string;
  /** A new, empty index for unit vectors of `dimensions` components. */
  create(options: { dimensions: number }): ApproximateIndexInstance;
  /**
   * The options that shape a saved graph, e.g. `quantization=f16;connectivity=16`: a graph
   * saved by `saveVectorStore` is only loaded back by a recipe with the same name and
   * fingerprint (else it is rebuilt). Indexes whose instances cannot `save` leave it out.
   */
  readonly fingerprint?: string;
}

/**
 * One live index, owned by one store. Keys are the store's stable per-record numbers (rows
 * move when records are deleted; keys do not). Vectors are unit length, so cosine, inner
 * product and Euclidean distance rank them alike.
 */
export interface ApproximateIndexInstance {
  /** Adds `keys.length` vectors, row-major in `vectors`; keys are new or removed before. */
  add(keys: BigUint64Array, vectors: Float32Array): void;
  /** Forgets these keys: later searches never return them. */
  remove(keys: BigUint64Array): void;
  /** Up to `count` keys near the unit `query`, nearest first. */
  search(query: Float32Array, count: number): BigUint64Array;
  /** How many keys it holds. */
  size(): number;
  /** Frees the index; the store makes no call after this one. */
  release(): void;
  /**
   * Optional, with `load`: writes the whole index (graph and keys) to the file at `path`,
   * synchronously, so that `saveVectorStore` can keep the graph beside the records.
   */
  save?(path: string): void;
  /**
   * Optional, with `save`: replaces this (empty) index with one `save` wrote. The store only
   * passes a file it has checked end to end, written by an index of the same fingerprint.
   */
  load?(path: string): void;
}
