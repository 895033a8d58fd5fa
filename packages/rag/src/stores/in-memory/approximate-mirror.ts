import { VectorStoreError } from '../../errors/vector-store-error.js';
import type { ApproximateIndex, ApproximateIndexInstance } from './approximate-index.js';
import { dotFloat32 } from './score-buffer.js';
import type { TopKHeap } from './top-k-heap.js';
import type { VectorMatrix } from './vector-matrix.js';

/**
 * Beyond this share of the collection, asking the graph for more candidates costs about as
 * much as scanning every row, and the scan is exact: a selective filter switches to it.
 */
const maxCandidateShare = 0.1;

/** One query's hits, or `undefined` when the caller should scan every row instead. */
export type ApproximateHits = Array<{ row: number; score: number }> | undefined;

/** An index file `ApproximateIndexInstance.save` wrote, and the key it gave each row. */
export interface SavedApproximateIndex {
  /** A file the caller has checked end to end (the index may crash on damaged bytes). */
  path: string;
  /** `rowKeys[row]` is the key the saved graph holds that row's vector under. */
  rowKeys: Float64Array;
}

/** Which index wrote a saved graph, and each row's key in it. */
export interface SavedIndexTag {
  name: string;
  fingerprint: string;
  rowKeys: Float64Array;
}

/** What became of a saved graph: loaded, or rebuilt from the rows (and why). */
export type ApproximateIndexReport = { graph: 'loaded' } | { graph: 'rebuilt'; reason: string };

/**
 * Keeps an approximate index in step with a store's rows. Each record gets a stable key
 * (rows move on delete; keys do not), mapped both ways. If the index ever throws, it is
 * dropped and every later query scans, so answers stay correct.
 */
export class ApproximateMirror {
  private index: ApproximateIndexInstance | undefined;
  private readonly name: string;
  private rowKeys: number[] = [];
  private readonly keyRows = new Map<number, number>();
  private nextKey = 0;
  /** While true, upserts are not indexed: a saved graph or one bulk add follows (`attach`). */
  private deferred = false;

  constructor(
    private readonly recipe: ApproximateIndex,
    private readonly dimensions: number,
  ) {
    this.name = recipe.name;
    this.index = recipe.create({ dimensions });
  }

  /** Stops indexing upserts until `attach`: the rows are being loaded from a saved store. */
  defer(): void {
    this.deferred = true;
  }

  /**
   * Ends `defer`: loads the saved graph when there is one and it fits the rows (keys unique,
   * one per row, the graph holding exactly that many), else indexes every row afresh.
   */
  attach(matrix: VectorMatrix, saved: SavedApproximateIndex | undefined): ApproximateIndexReport {
    this.deferred = false;
    if (!this.index) return { graph: 'rebuilt', reason: 'the index was released' };
    if (saved) {
      const reason = this.load(saved, matrix.size);
      if (reason === undefined) return { graph: 'loaded' };
      // A failed load may leave the index half filled: start again from an empty one.
      this.index.release();
      this.index = this.recipe.create({ dimensions: this.dimensions });
      this.rowKeys = [];
      this.keyRows.clear();
      this.nextKey = 0;
      this.upserted(matrix, [], 0, matrix.size);
      return { graph: 'rebuilt', reason };
    }
    this.upserted(matrix, [], 0, matrix.size);
    return { graph: 'rebuilt', reason: 'no saved graph was given' };
  }

  /**
   * Writes the index to `path` (synchronously, so it matches the rows as they are now) and
   * returns each row's key; `undefined` when the index cannot save.
   */
  save(path: string, size: number): SavedIndexTag | undefined {
    const index = this.index;
    if (!index?.save || !index.load || this.deferred) return undefined;
    index.save(path);
    return {
      name: this.name,
      fingerprint: this.recipe.fingerprint ?? '',
      rowKeys: Float64Array.from(this.rowKeys.slice(0, size)),
    };
  }

  /** The reason the saved graph cannot be used, or `undefined` once it is loaded. */
  private load(saved: SavedApproximateIndex, size: number): string | undefined {
    const index = this.index;
    if (!index?.load) return `the ${this.name} index cannot load a saved graph`;
    const { rowKeys } = saved;
    if (rowKeys.length !== size)
      return `the saved graph has ${rowKeys.length} keys for ${size} rows`;
    const keyRows = new Map<number, number>();
    let nextKey = 0;
    for (let row = 0; row < size; row++) {
      const key = rowKeys[row] as number;
      if (!Number.isSafeInteger(key) || key < 0 || keyRows.has(key)) {
        return 'the saved graph has an invalid or repeated key';
      }
      keyRows.set(key, row);
      if (key >= nextKey) nextKey = key + 1;
    }
    try {
      index.load(saved.path);
    } catch (error) {
      return `the ${this.name} index could not read it (${error instanceof Error ? error.message : String(error)})`;
    }
    const held = index.size();
    if (held !== size) return `the saved graph holds ${held} vectors for ${size} rows`;
    this.rowKeys = Array.from(rowKeys);
    this.keyRows.clear();
    for (const [key, row] of keyRows) this.keyRows.set(key, row);
    this.nextKey = nextKey;
    return undefined;
  }

  /** False once the index failed or was released: queries then scan. */
  get active(): boolean {
    return this.index !== undefined;
  }

  /**
   * Indexes the rows an upsert wrote: `overwritten` rows (their old vectors are removed
   * first, the key stays) and the new rows `firstNew` to `end`, which the matrix holds
   * contiguously, so they go in as one view without a copy.
   */
  upserted(matrix: VectorMatrix, overwritten: number[], firstNew: number, end: number): void {
    const index = this.index;
    if (!index || this.deferred) return;
    const newKeys = new BigUint64Array(end - firstNew);
    for (let row = firstNew; row < end; row++) {
      const key = this.nextKey++;
      this.rowKeys[row] = key;
      this.keyRows.set(key, row);
      newKeys[row - firstNew] = BigInt(key);
    }
    this.guard('the records were stored', () => {
      if (overwritten.length > 0) {
        const keys = BigUint64Array.from(overwritten, (row) => BigInt(this.rowKeys[row] as number));
        const vectors = new Float32Array(overwritten.length * matrix.dimensions);
        overwritten.forEach((row, i) => {
          vectors.set(matrix.rows(row, row + 1), i * matrix.dimensions);
        });
        index.remove(keys);
        index.add(keys, vectors);
      }
      if (newKeys.length > 0) index.add(newKeys, matrix.rows(firstNew, end));
    });
  }

  /** Removes these rows' keys from the index, before the store moves any row. */
  removing(rows: number[]): void {
    const index = this.index;
    if (!index || rows.length === 0) return;
    const keys = BigUint64Array.from(rows, (row) => BigInt(this.rowKeys[row] as number));
    this.guard('nothing was deleted', () => index.remove(keys));
  }

  /** Mirrors `VectorMatrix.swapRemove`: `row` is gone and row `moved` (or -1) took its place. */
  swapRemoved(row: number, moved: number, size: number): void {
    if (!this.index) return;
    this.keyRows.delete(this.rowKeys[row] as number);
    if (moved !== -1) {
      const key = this.rowKeys[moved] as number;
      this.rowKeys[row] = key;
      this.keyRows.set(key, row);
    }
    this.rowKeys.length = size;
  }

  /**
   * The best `topK` rows by exact cosine among the index's candidates, filter and minScore
   * applied. Starts with `candidates`; when the filter leaves the heap short, asks again for
   * more (sized by the share of candidates the filter accepted), and returns `undefined`
   * (scan instead) once that would exceed a tenth of the collection, or when the heap is
   * still short after the graph was asked for every row or answered with fewer than asked.
   */
  query(options: {
    matrix: VectorMatrix;
    unit: Float32Array;
    topK: number;
    candidates: number;
    minScore: number;
    accept: ((row: number) => boolean) | undefined;
    heap: TopKHeap;
  }): ApproximateHits {
    const { matrix, unit, topK, minScore, accept, heap } = options;
    const index = this.index;
    if (!index) return undefined;
    const size = matrix.size;
    if (size === 0) return [];
    let want = Math.min(size, Math.max(topK, options.candidates));
    for (;;) {
      const keys = this.guard('this query failed', () => index.search(unit, want));
      heap.reset(topK);
      let accepted = 0;
      let lowest = Number.POSITIVE_INFINITY;
      for (const key of keys) {
        const row = this.keyRows.get(Number(key));
        if (row === undefined || (accept !== undefined && !accept(row))) continue;
        accepted++;
        const score = dotFloat32(matrix.floats, row * matrix.dimensions, unit);
        if (score < lowest) lowest = score;
        if (score >= minScore) heap.push(score, row);
      }
      // Asked for every row, the graph must return every row to be exact: a graph search can
      // miss nodes, and then only a scan is sure to find them (even with a full heap).
      if (want >= size && keys.length < size) {
        heap.drain();
        return undefined;
      }
      const full = heap.threshold > Number.NEGATIVE_INFINITY;
      // Candidates come nearest first: once they drop below minScore, more cannot help.
      if (full || lowest < minScore) return heap.drain();
      // Short of topK: the graph gave fewer than asked, or every row was already read.
      if (keys.length < want || want >= size) {
        heap.drain();
        return undefined;
      }
      const acceptedShare = accepted / keys.length;
      const needed = acceptedShare > 0 ? Math.ceil((2 * topK) / acceptedShare) : want * 8;
      want = Math.max(want * 2, needed);
      if (want > size * maxCandidateShare) {
        heap.drain();
        return undefined;
      }
      want = Math.min(want, size);
    }
  }

  /** Frees the index. */
  close(): void {
    const index = this.index;
    this.index = undefined;
    this.rowKeys = [];
    this.keyRows.clear();
    index?.release();
  }

  /**
   * Runs an index call; on failure drops the index (later queries scan every row) and says
   * so, with `outcome` telling what became of the call that failed.
   */
  private guard<T>(outcome: string, call: () => T): T {
    try {
      return call();
    } catch (error) {
      this.close();
      const reason = error instanceof Error ? error.message : String(error);
      throw new VectorStoreError(
        `The approximate index (${this.name}) failed and was dropped (${reason}); ${outcome}, and later queries scan every row.`,
        { code: 'approximate_index_failed', store: 'in-memory', cause: error },
      );
    }
  }
}
