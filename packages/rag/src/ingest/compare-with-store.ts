import { recordContentHash, recordHoldsChunk } from '../chunk-records/index.js';
import type { VectorStore } from '../types/vector-store.js';
import { type KeyedChunk, throwIfAborted } from './chunk-documents.js';

/** A chunk to write; `vector` is set when the stored one can be kept (same text, same model). */
export interface PlannedWrite {
  keyed: KeyedChunk;
  /** Whether the store already has a record under this id. */
  existed: boolean;
  vector?: Float32Array;
}

export interface StoreComparison {
  writes: PlannedWrite[];
  unchanged: KeyedChunk[];
}

/**
 * Reads the records the chunks would overwrite and sorts the chunks: unchanged (same hash,
 * text, offsets and metadata: nothing to do), changed around the same text (rewrite with the
 * stored vector), or new text (embed, then write).
 */
export async function compareWithStore(
  chunks: readonly KeyedChunk[],
  store: VectorStore,
  options: { batchSize: number; signal?: AbortSignal },
): Promise<StoreComparison> {
  const writes: PlannedWrite[] = [];
  const unchanged: KeyedChunk[] = [];
  for (let start = 0; start < chunks.length; start += options.batchSize) {
    throwIfAborted(options.signal);
    const batch = chunks.slice(start, start + options.batchSize);
    const records = await store.get(batch.map(({ chunk }) => chunk.id));
    const existing = new Map(records.map((record) => [record.id, record]));
    for (const keyed of batch) {
      const record = existing.get(keyed.chunk.id);
      if (!record) {
        writes.push({ keyed, existed: false });
      } else if (recordContentHash(record) !== keyed.key) {
        writes.push({ keyed, existed: true });
      } else {
        if (recordHoldsChunk(record, keyed.chunk, keyed.key)) {
          unchanged.push(keyed);
        } else {
          writes.push({ keyed, existed: true, vector: record.vector });
        }
      }
    }
  }
  return { writes, unchanged };
}
