import { createRequire } from 'node:module';
import { VectorStoreError } from '../../errors/vector-store-error.js';

/** The part of usearch's `Index` this adapter uses; typed here so usearch stays an optional peer. */
export interface UsearchIndexLike {
  add(keys: BigUint64Array, vectors: Float32Array): void;
  remove(keys: BigUint64Array): unknown;
  search(vector: Float32Array, k: number): { keys: BigUint64Array; distances: Float32Array };
  size(): number;
  /** Writes the whole index to a file (usearch's own format). */
  save(path: string): void;
  /** Replaces the index with one read from a file `save` wrote. */
  load(path: string): void;
}

/** The part of the `usearch` module this adapter uses. */
export interface UsearchModule {
  Index: new (config: {
    dimensions: number;
    metric: 'cos';
    quantization: 'f32' | 'f16' | 'i8';
    connectivity: number;
    expansion_add: number;
    expansion_search: number;
    multi: boolean;
  }) => UsearchIndexLike;
}

/**
 * Loads usearch with `require`: its ESM build finds its native binary from the caller's stack
 * (which breaks under some loaders), while its CommonJS build uses `__dirname`.
 */
function requireUsearch(): unknown {
  const base = typeof __filename === 'string' ? __filename : import.meta.url;
  return createRequire(base)('usearch');
}

/** The usearch module from `load` (default: `require('usearch')`), checked, or a clear error. */
export function loadUsearch(load: () => unknown = requireUsearch): UsearchModule {
  let loaded: unknown;
  try {
    loaded = load();
  } catch (error) {
    throw new VectorStoreError(
      'Approximate search needs the optional peer dependency usearch (>= 2.20): run `npm i usearch`.',
      { code: 'missing_peer', store: 'usearch-hnsw', cause: error },
    );
  }
  const candidate = loaded as { Index?: unknown; default?: { Index?: unknown } } | null;
  const module = typeof candidate?.Index === 'function' ? candidate : candidate?.default;
  if (typeof module?.Index !== 'function') {
    throw new VectorStoreError(
      'The usearch module has no Index constructor; pass the module usearch exports (>= 2.20).',
      { code: 'missing_peer', store: 'usearch-hnsw' },
    );
  }
  return module as UsearchModule;
}
