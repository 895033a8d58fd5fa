import { ValidationError } from '@weft/core';
import type { ApproximateIndex, ApproximateIndexInstance } from '../in-memory/approximate-index.js';
import { loadUsearch } from './usearch-module.js';

export interface UsearchHnswOptions {
  /** Links per node (HNSW's M): more means better recall and more memory. Default 16. */
  connectivity?: number;
  /** Candidates kept while inserting (efConstruction): more builds slower and better. Default 128. */
  expansionAdd?: number;
  /** Candidates kept while searching (ef); the store asks for at least its rescore count. Default 128. */
  expansionSearch?: number;
  /**
   * How the index keeps its own copy of the vectors. The store rescores candidates from its
   * float32 matrix, so `f16` (the default) halves the copy at no cost to the scores.
   */
  quantization?: 'f32' | 'f16' | 'i8';
  /**
   * Supplies the usearch module yourself, e.g. `() => require('usearch')` in a bundled app;
   * by default it is loaded with `require` when `usearchHnsw` is called. Checked at run time.
   */
  module?: () => unknown;
}

function checkInteger(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(
      `usearchHnsw: ${name} must be an integer from ${min} to ${max}, got ${String(value)}.`,
    );
  }
  return value;
}

/**
 * Approximate search (HNSW, from the usearch native library) for an `InMemoryVectorStore`
 * holding millions of records. Needs the optional peer `usearch`; Node only.
 *
 * @example
 * const store = new InMemoryVectorStore({ dimensions: 384, approximate: usearchHnsw() });
 */
export function usearchHnsw(options: UsearchHnswOptions = {}): ApproximateIndex {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('usearchHnsw takes an options object.');
  }
  const connectivity = checkInteger('connectivity', options.connectivity ?? 16, 2, 1024);
  const expansionAdd = checkInteger('expansionAdd', options.expansionAdd ?? 128, 1, 1_000_000);
  const expansionSearch = checkInteger(
    'expansionSearch',
    options.expansionSearch ?? 128,
    1,
    1_000_000,
  );
  const quantization = options.quantization ?? 'f16';
  if (quantization !== 'f32' && quantization !== 'f16' && quantization !== 'i8') {
    throw new ValidationError(
      `usearchHnsw: quantization must be 'f32', 'f16' or 'i8', got ${String(quantization)}.`,
    );
  }
  if (options.module !== undefined && typeof options.module !== 'function') {
    throw new ValidationError('usearchHnsw: module must be a function returning usearch.');
  }
  // Loaded now, so a missing peer fails where the store is configured, not at the first upsert.
  const usearch = loadUsearch(options.module);
  return {
    name: 'usearch-hnsw',
    // What shapes a saved graph; expansionSearch only steers searches, so it may differ.
    fingerprint: `metric=cos;quantization=${quantization};connectivity=${connectivity};expansionAdd=${expansionAdd}`,
    create({ dimensions }): ApproximateIndexInstance {
      let index: ReturnType<typeof createIndex> | undefined = createIndex();
      function createIndex() {
        return new usearch.Index({
          dimensions,
          metric: 'cos',
          quantization,
          connectivity,
          expansion_add: expansionAdd,
          expansion_search: expansionSearch,
          multi: false,
        });
      }
      const open = () => {
        if (!index) throw new Error('the usearch index was released');
        return index;
      };
      return {
        add: (keys, vectors) => open().add(keys, vectors),
        remove: (keys) => {
          open().remove(keys);
        },
        search: (query, count) => open().search(query, count).keys,
        size: () => open().size(),
        save: (path) => open().save(path),
        load: (path) => open().load(path),
        release: () => {
          // usearch frees the native index when the object is collected.
          index = undefined;
        },
      };
    },
  };
}
