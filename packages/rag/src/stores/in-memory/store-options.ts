import { ValidationError } from '@weft/core';
import type { VectorQuery } from '../../types/index.js';
import type { ApproximateIndex } from './approximate-index.js';
import type { ScoreKernel } from './score-buffer.js';

export interface InMemoryVectorStoreOptions {
  dimensions: number;
  /** `int8`: scan an int8 copy (4x less to read), then rescore the best candidates exactly. */
  quantization?: 'none' | 'int8';
  /**
   * How many candidates are rescored in float32: from the int8 scan (default
   * `max(4 * topK, 32)`) or from the approximate index (default `max(4 * topK, 64)`).
   */
  rescoreCandidates?: number;
  /** How rows are scored; by default WebAssembly SIMD where the runtime allows it, else JavaScript. */
  kernel?: ScoreKernel;
  /**
   * An approximate index for large collections, e.g. `usearchHnsw()` from `@weft/rag/usearch`.
   * It proposes candidates that are rescored exactly, so scores stay exact cosines; a top-k
   * may miss a true neighbour (see the recall figures in the docs). It is kept in step on
   * every upsert and delete. `saveVectorStore` saves its graph beside the records when it can
   * (usearchHnsw can), and `loadVectorStore` loads that graph when it matches, else rebuilds it.
   */
  approximate?: ApproximateIndex;
  /** With `approximate`, collections smaller than this are still scanned (default 10,000). */
  exactScanBelow?: number;
}

/** A query to an `InMemoryVectorStore`: a `VectorQuery`, plus `exact` to skip the approximate index. */
export interface InMemoryVectorQuery extends VectorQuery {
  /** Scans every row even when the store has an approximate index. */
  exact?: boolean;
}

/** The options with defaults filled in, or a `ValidationError` naming the bad one. */
export function checkStoreOptions(options: InMemoryVectorStoreOptions) {
  const {
    dimensions,
    quantization = 'none',
    rescoreCandidates,
    approximate,
    exactScanBelow = 10_000,
    kernel,
  } = options ?? {};
  if (!Number.isInteger(dimensions) || dimensions < 1) {
    throw new ValidationError(`dimensions must be a positive integer, got ${String(dimensions)}.`);
  }
  if (quantization !== 'none' && quantization !== 'int8') {
    throw new ValidationError(
      `quantization must be 'none' or 'int8', got ${String(quantization)}.`,
    );
  }
  if (
    rescoreCandidates !== undefined &&
    (!Number.isInteger(rescoreCandidates) || rescoreCandidates < 1)
  ) {
    throw new ValidationError('rescoreCandidates must be a positive integer.');
  }
  if (!Number.isInteger(exactScanBelow) || exactScanBelow < 0) {
    throw new ValidationError('exactScanBelow must be a non-negative integer.');
  }
  if (
    approximate !== undefined &&
    (typeof approximate !== 'object' ||
      approximate === null ||
      typeof approximate.create !== 'function')
  ) {
    throw new ValidationError(
      'approximate must be an approximate index such as usearchHnsw() from @weft/rag/usearch.',
    );
  }
  return { dimensions, quantization, rescoreCandidates, approximate, exactScanBelow, kernel };
}
