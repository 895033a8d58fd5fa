import { ValidationError } from '@weft/core';
import { VectorStoreError } from '../../errors/vector-store-error.js';
import { allFilterOperators, compileFilter, type MetadataPredicate } from '../../filters/index.js';
import type {
  MetadataFilter,
  ScoredRecord,
  VectorRecord,
  VectorStore,
  VectorStoreCapabilities,
} from '../../types/index.js';
import {
  type ApproximateIndexReport,
  ApproximateMirror,
  type SavedApproximateIndex,
  type SavedIndexTag,
} from './approximate-mirror.js';
import { cloneMetadata, copyMetadata } from './json-metadata.js';
import { scanTopK } from './scan.js';
import {
  checkStoreOptions,
  type InMemoryVectorQuery,
  type InMemoryVectorStoreOptions,
} from './store-options.js';
import { TopKHeap } from './top-k-heap.js';
import { toUnitVector, unitScale } from './vector-math.js';
import { VectorMatrix } from './vector-matrix.js';
import { defaultScoreKernel } from './wasm-simd-kernel.js';

/** Everything a store holds, in row order: what `save` writes and `fromSnapshot` reads. */
export interface InMemoryVectorStoreSnapshot {
  dimensions: number;
  quantization: 'none' | 'int8';
  ids: string[];
  texts: Array<string | undefined>;
  metadata: Array<Record<string, unknown> | undefined>;
  /** `ids.length * dimensions` unit-vector components, row-major. */
  vectors: Float32Array;
}

const storeName = 'in-memory';

/**
 * The default vector store: exact cosine search over one contiguous Float32Array of unit
 * vectors, a top-k heap, the whole filter language, and optional int8 quantization.
 *
 * @example
 * const store = new InMemoryVectorStore({ dimensions: 1536 });
 * await store.upsert([{ id: 'a', vector, text: 'hello', metadata: { source: 'a.md' } }]);
 * const hits = await store.query({ vector: queryVector, topK: 5, filter: { source: 'a.md' } });
 */
export class InMemoryVectorStore implements VectorStore {
  readonly dimensions: number;
  readonly quantization: 'none' | 'int8';
  readonly capabilities: VectorStoreCapabilities = {
    filterOperators: allFilterOperators,
    score: 'cosine',
    keywordSearch: false,
  };
  private readonly rescoreCandidates: number | undefined;
  private readonly exactScanBelow: number;
  private readonly approximate: ApproximateMirror | undefined;
  private readonly matrix: VectorMatrix;
  private ids: string[] = [];
  private texts: Array<string | undefined> = [];
  private metadata: Array<Record<string, unknown> | undefined> = [];
  private readonly rows = new Map<string, number>();
  private readonly heap = new TopKHeap();
  private closed = false;

  constructor(options: InMemoryVectorStoreOptions) {
    const { dimensions, quantization, rescoreCandidates, approximate, exactScanBelow, kernel } =
      checkStoreOptions(options);
    this.dimensions = dimensions;
    this.quantization = quantization;
    this.rescoreCandidates = rescoreCandidates;
    this.exactScanBelow = exactScanBelow;
    this.matrix = new VectorMatrix({
      dimensions,
      quantized: quantization === 'int8',
      kernel: kernel ?? defaultScoreKernel(),
    });
    this.approximate = approximate && new ApproximateMirror(approximate, dimensions);
  }

  /** Inserts or overwrites records by id; the whole batch is checked before anything changes. */
  async upsert(records: VectorRecord[]): Promise<void> {
    this.assertOpen();
    if (!Array.isArray(records)) throw new ValidationError('upsert takes an array of records.');
    const seen = new Set<string>();
    const scales = new Float64Array(records.length);
    const metadata: Array<Record<string, unknown> | undefined> = new Array(records.length);
    for (let index = 0; index < records.length; index++) {
      const record = records[index] as VectorRecord;
      if (typeof record !== 'object' || record === null) {
        throw new ValidationError(`records.${index}: a record must be an object.`);
      }
      if (typeof record.id !== 'string' || record.id.length === 0) {
        throw new ValidationError(`records.${index}.id: ids must be non-empty strings.`);
      }
      if (seen.has(record.id)) {
        throw new ValidationError(
          `records.${index}.id: duplicate id "${record.id}" in one batch; each id may appear once.`,
        );
      }
      seen.add(record.id);
      if (record.text !== undefined && typeof record.text !== 'string') {
        throw new ValidationError(`records.${index}.text: text must be a string.`);
      }
      scales[index] = unitScale(record.vector, this.dimensions, ['records', index, 'vector']);
      metadata[index] = copyMetadata(record.metadata, ['records', index, 'metadata']);
    }
    // Nothing below can fail on input, so the batch lands whole. Vectors are normalized
    // straight into the matrix: no per-record copy.
    const firstNew = this.matrix.size;
    this.matrix.reserve(firstNew + records.length);
    const overwritten: number[] = [];
    for (let index = 0; index < records.length; index++) {
      const record = records[index] as VectorRecord;
      const existing = this.rows.get(record.id);
      const row = existing ?? this.matrix.size;
      this.matrix.writeScaled(row, record.vector, scales[index] as number);
      this.ids[row] = record.id;
      this.texts[row] = record.text;
      this.metadata[row] = metadata[index];
      if (existing === undefined) this.rows.set(record.id, row);
      else overwritten.push(row);
    }
    this.approximate?.upserted(this.matrix, overwritten, firstNew, this.matrix.size);
  }

  /**
   * The `topK` most similar records (cosine similarity, best first), after the filter. With an
   * approximate index, its candidates are rescored exactly; `exact: true` scans every row.
   */
  async query(query: InMemoryVectorQuery): Promise<ScoredRecord[]> {
    this.assertOpen();
    if (typeof query !== 'object' || query === null)
      throw new ValidationError('query takes an object.');
    const { topK, minScore = Number.NEGATIVE_INFINITY, exact = false } = query;
    if (!Number.isInteger(topK) || topK < 1) {
      throw new ValidationError(`topK must be a positive integer, got ${String(topK)}.`);
    }
    if (typeof minScore !== 'number' || Number.isNaN(minScore)) {
      throw new ValidationError('minScore must be a number.');
    }
    if (typeof exact !== 'boolean') throw new ValidationError('exact must be a boolean.');
    const unit = toUnitVector(query.vector, this.dimensions, ['query', 'vector']);
    const accept = this.rowFilter(query.filter);
    query.signal?.throwIfAborted();
    const search = { matrix: this.matrix, unit, topK, minScore, accept, heap: this.heap };
    let hits: Array<{ row: number; score: number }> | undefined;
    if (this.approximate?.active && !exact && this.matrix.size >= this.exactScanBelow) {
      hits = this.approximate.query({
        ...search,
        candidates: this.rescoreCandidates ?? Math.max(4 * topK, 64),
      });
    }
    hits ??= scanTopK({
      ...search,
      candidates: this.rescoreCandidates ?? Math.max(4 * topK, 32),
    });
    return hits.map(({ row, score }) => {
      const result: ScoredRecord = {
        id: this.ids[row] as string,
        score,
        text: this.texts[row],
        metadata: cloneMetadata(this.metadata[row]),
      };
      if (query.includeVectors) result.vector = this.matrix.read(row);
      return result;
    });
  }

  /** Deletes by ids, or every record matching a filter; returns how many were deleted. */
  async delete(selector: { ids: string[] } | { filter: MetadataFilter }): Promise<number> {
    this.assertOpen();
    let doomed: number[];
    if (selector && 'ids' in selector && Array.isArray(selector.ids)) {
      const unique = new Set(selector.ids);
      doomed = [...unique].flatMap((id) => {
        const row = this.rows.get(id);
        return row === undefined ? [] : [row];
      });
    } else if (selector && 'filter' in selector) {
      const accept = this.rowFilter(selector.filter) ?? (() => true);
      doomed = [];
      for (let row = 0; row < this.matrix.size; row++) if (accept(row)) doomed.push(row);
    } else {
      throw new ValidationError('delete takes { ids: string[] } or { filter }.');
    }
    // Highest rows first: the row moved into each hole is then one already kept.
    doomed.sort((a, b) => b - a);
    this.approximate?.removing(doomed);
    for (const row of doomed) this.removeRow(row);
    return doomed.length;
  }

  /** The records with these ids, in the same order; missing ids are left out. */
  async get(ids: string[]): Promise<VectorRecord[]> {
    this.assertOpen();
    if (!Array.isArray(ids)) throw new ValidationError('get takes an array of ids.');
    return ids.flatMap((id) => {
      const row = this.rows.get(id);
      if (row === undefined) return [];
      const record: VectorRecord = { id, vector: this.matrix.read(row) };
      if (this.texts[row] !== undefined) record.text = this.texts[row];
      if (this.metadata[row] !== undefined) record.metadata = cloneMetadata(this.metadata[row]);
      return [record];
    });
  }

  /** How many records there are, or how many match a filter. */
  async count(filter?: MetadataFilter): Promise<number> {
    this.assertOpen();
    const accept = this.rowFilter(filter);
    if (accept === undefined) return this.matrix.size;
    let total = 0;
    for (let row = 0; row < this.matrix.size; row++) if (accept(row)) total++;
    return total;
  }

  /** Releases the memory; later calls fail with a `VectorStoreError`. */
  async close(): Promise<void> {
    this.closed = true;
    this.approximate?.close();
    this.matrix.clear();
    this.ids = [];
    this.texts = [];
    this.metadata = [];
    this.rows.clear();
  }

  /** A copy of everything the store holds (for `saveVectorStore` or your own persistence). */
  snapshot(): InMemoryVectorStoreSnapshot {
    this.assertOpen();
    const size = this.matrix.size;
    return {
      dimensions: this.dimensions,
      quantization: this.quantization,
      ids: this.ids.slice(0, size),
      texts: this.texts.slice(0, size),
      metadata: this.metadata.slice(0, size).map(cloneMetadata),
      vectors: this.matrix.floats.slice(0, size * this.dimensions),
    };
  }

  /**
   * Writes the approximate index, as it is at this moment, to `path` and returns which index
   * wrote it and each row's key; `undefined` when there is none or it cannot save. Used by
   * `saveVectorStore` together with `snapshot()`, in the same tick.
   */
  saveApproximateIndex(path: string): SavedIndexTag | undefined {
    this.assertOpen();
    if (!this.approximate?.active) return undefined;
    return this.approximate.save(path, this.matrix.size);
  }

  /**
   * A store holding a snapshot's records, validated like any upsert. With `options.approximate`
   * and a `savedIndex` (a graph `saveApproximateIndex` wrote for these rows), the graph is
   * loaded instead of rebuilt when it fits; `onApproximateIndex` says which happened.
   */
  static async fromSnapshot(
    snapshot: InMemoryVectorStoreSnapshot,
    options: Partial<InMemoryVectorStoreOptions> = {},
    restore: {
      savedIndex?: SavedApproximateIndex;
      onApproximateIndex?: (report: ApproximateIndexReport) => void;
    } = {},
  ): Promise<InMemoryVectorStore> {
    const { dimensions, ids, texts, metadata, vectors } = snapshot;
    const store = new InMemoryVectorStore({
      quantization: snapshot.quantization,
      ...options,
      dimensions,
    });
    if (
      vectors.length !== ids.length * dimensions ||
      texts.length !== ids.length ||
      metadata.length !== ids.length
    ) {
      throw new VectorStoreError('The snapshot is inconsistent: its arrays differ in length.', {
        code: 'corrupt_snapshot',
        store: storeName,
      });
    }
    // The graph is added in one go after the rows (or loaded), not per upsert batch.
    store.approximate?.defer();
    await store.upsert(
      ids.map((id, row) => ({
        id,
        vector: vectors.subarray(row * dimensions, (row + 1) * dimensions),
        text: texts[row],
        metadata: metadata[row],
      })),
    );
    if (store.approximate) {
      const report = store.approximate.attach(store.matrix, restore.savedIndex);
      restore.onApproximateIndex?.(report);
    }
    return store;
  }

  private rowFilter(filter: MetadataFilter | undefined): ((row: number) => boolean) | undefined {
    if (filter === undefined) return undefined;
    const predicate: MetadataPredicate = compileFilter(filter);
    const metadata = this.metadata;
    return (row) => predicate(metadata[row]);
  }

  private removeRow(row: number): void {
    const id = this.ids[row] as string;
    const moved = this.matrix.swapRemove(row);
    this.approximate?.swapRemoved(row, moved, this.matrix.size);
    this.rows.delete(id);
    if (moved !== -1) {
      const movedId = this.ids[moved] as string;
      this.ids[row] = movedId;
      this.texts[row] = this.texts[moved];
      this.metadata[row] = this.metadata[moved];
      this.rows.set(movedId, row);
    }
    const last = this.matrix.size;
    this.ids.length = last;
    this.texts.length = last;
    this.metadata.length = last;
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new VectorStoreError('This in-memory vector store is closed.', {
        code: 'closed',
        store: storeName,
      });
    }
  }
}
