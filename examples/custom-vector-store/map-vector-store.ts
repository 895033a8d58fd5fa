import { ValidationError } from '@weft/core';
import {
  allFilterOperators,
  compileFilter,
  type MetadataFilter,
  type ScoredRecord,
  type VectorQuery,
  type VectorRecord,
  type VectorStore,
  type VectorStoreCapabilities,
  VectorStoreError,
} from '@weft/rag';

/** What the store keeps per record: the vector normalized once, so a query is a dot product. */
interface StoredRecord {
  id: string;
  unit: Float32Array;
  text?: string;
  metadata?: Record<string, unknown>;
}

/**
 * A small but complete `VectorStore`: records in a `Map`, a brute-force cosine scan, and the
 * portable filter language evaluated by `compileFilter` from `@weft/rag`. It passes
 * `describeVectorStore`; use it as the starting point of an adapter for your own database.
 */
export class MapVectorStore implements VectorStore {
  readonly dimensions: number;
  readonly capabilities: VectorStoreCapabilities = {
    // compileFilter evaluates every operator; a store that cannot should list fewer and
    // refuse the others (assertFilterSupported from @weft/rag does that).
    filterOperators: allFilterOperators,
    score: 'cosine',
    keywordSearch: false,
  };
  private readonly records = new Map<string, StoredRecord>();
  private closed = false;

  constructor(options: { dimensions: number }) {
    if (!Number.isInteger(options?.dimensions) || options.dimensions < 1) {
      throw new ValidationError('MapVectorStore: dimensions must be a positive integer.');
    }
    this.dimensions = options.dimensions;
  }

  async upsert(records: VectorRecord[]): Promise<void> {
    this.assertOpen();
    if (!Array.isArray(records)) throw new ValidationError('upsert expects an array of records.');
    // Check the whole batch before writing anything, so a bad record changes nothing.
    const seen = new Set<string>();
    const prepared = records.map((record, index) => {
      if (typeof record?.id !== 'string' || record.id === '') {
        throw new ValidationError(`Record ${index} needs a non-empty string id.`);
      }
      if (seen.has(record.id)) {
        throw new ValidationError(`Record id "${record.id}" appears twice in one batch.`);
      }
      seen.add(record.id);
      return {
        id: record.id,
        unit: this.unitVector(record.vector, `record "${record.id}"`),
        ...(record.text === undefined ? {} : { text: record.text }),
        ...(record.metadata === undefined ? {} : { metadata: structuredClone(record.metadata) }),
      };
    });
    for (const record of prepared) this.records.set(record.id, record);
  }

  async query(query: VectorQuery): Promise<ScoredRecord[]> {
    this.assertOpen();
    const { topK, minScore } = query;
    if (!Number.isInteger(topK) || topK < 1) {
      throw new ValidationError(`topK must be a positive integer, not ${String(topK)}.`);
    }
    const unit = this.unitVector(query.vector, 'the query vector');
    const matches = compileFilter(query.filter);
    const hits: Array<{ record: StoredRecord; score: number }> = [];
    for (const record of this.records.values()) {
      if (!matches(record.metadata)) continue;
      const score = dot(unit, record.unit);
      if (minScore === undefined || score >= minScore) hits.push({ record, score });
    }
    // A full sort is fine for a teaching store; a real one keeps a top-k heap.
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, topK).map(({ record, score }) => ({
      id: record.id,
      score,
      ...(record.text === undefined ? {} : { text: record.text }),
      ...(record.metadata === undefined ? {} : { metadata: structuredClone(record.metadata) }),
      ...(query.includeVectors ? { vector: record.unit.slice() } : {}),
    }));
  }

  async delete(selector: { ids: string[] } | { filter: MetadataFilter }): Promise<number> {
    this.assertOpen();
    if ('ids' in selector) {
      let deleted = 0;
      for (const id of selector.ids) if (this.records.delete(id)) deleted++;
      return deleted;
    }
    const matches = compileFilter(selector.filter);
    const doomed = [...this.records.values()].filter((record) => matches(record.metadata));
    for (const record of doomed) this.records.delete(record.id);
    return doomed.length;
  }

  async get(ids: string[]): Promise<VectorRecord[]> {
    this.assertOpen();
    return ids.flatMap((id) => {
      const record = this.records.get(id);
      if (!record) return [];
      return [
        {
          id,
          vector: record.unit.slice(),
          ...(record.text === undefined ? {} : { text: record.text }),
          ...(record.metadata === undefined ? {} : { metadata: structuredClone(record.metadata) }),
        },
      ];
    });
  }

  async count(filter?: MetadataFilter): Promise<number> {
    this.assertOpen();
    if (filter === undefined) return this.records.size;
    const matches = compileFilter(filter);
    let count = 0;
    for (const record of this.records.values()) if (matches(record.metadata)) count++;
    return count;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.records.clear();
  }

  private assertOpen(): void {
    if (this.closed) throw new VectorStoreError('The store is closed.', { store: 'map' });
  }

  /** The vector scaled to length 1, after checking its length and values. */
  private unitVector(vector: Float32Array | number[], what: string): Float32Array {
    if (!(vector instanceof Float32Array) && !Array.isArray(vector)) {
      throw new ValidationError(`The vector of ${what} must be a Float32Array or a number array.`);
    }
    if (vector.length !== this.dimensions) {
      throw new ValidationError(
        `The vector of ${what} has ${vector.length} dimensions; this store holds ${this.dimensions}.`,
      );
    }
    let norm = 0;
    for (const value of vector) {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new ValidationError(
          `The vector of ${what} holds a value that is not a finite number.`,
        );
      }
      norm += value * value;
    }
    if (norm === 0) throw new ValidationError(`The vector of ${what} is all zeros.`);
    const scale = 1 / Math.sqrt(norm);
    return Float32Array.from(vector, (value) => value * scale);
  }
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}
