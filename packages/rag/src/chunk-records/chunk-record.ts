import { ValidationError } from '@weft/core';
import type { Chunk } from '../types/document.js';
import type { ScoredRecord, VectorRecord } from '../types/vector-store.js';

/**
 * How a chunk is kept in a vector store: its text as the record's text, and its place in
 * its document under reserved metadata keys beside the document's own metadata. Ingestion
 * writes records with `chunkToRecord`; retrievers read them back with `recordToChunk`.
 */
export const chunkMetadataKeys = {
  documentId: 'weft.documentId',
  index: 'weft.chunkIndex',
  start: 'weft.start',
  end: 'weft.end',
  contentHash: 'weft.contentHash',
} as const;

/** The vector-store record for a chunk. `contentHash` lets ingestion skip unchanged chunks. */
export function chunkToRecord(
  chunk: Chunk,
  vector: Float32Array,
  contentHash?: string,
): VectorRecord {
  const metadata: Record<string, unknown> = {
    ...chunk.metadata,
    [chunkMetadataKeys.documentId]: chunk.documentId,
    [chunkMetadataKeys.index]: chunk.index,
    [chunkMetadataKeys.start]: chunk.start,
    [chunkMetadataKeys.end]: chunk.end,
  };
  if (contentHash !== undefined) metadata[chunkMetadataKeys.contentHash] = contentHash;
  return { id: chunk.id, vector, text: chunk.text, metadata };
}

/** The chunk a record holds. Refuses records that were not written by `chunkToRecord`. */
export function recordToChunk(record: VectorRecord | ScoredRecord): Chunk {
  const metadata = { ...(record.metadata ?? {}) };
  const documentId = metadata[chunkMetadataKeys.documentId];
  const index = metadata[chunkMetadataKeys.index];
  const start = metadata[chunkMetadataKeys.start];
  const end = metadata[chunkMetadataKeys.end];
  if (
    typeof documentId !== 'string' ||
    typeof index !== 'number' ||
    typeof start !== 'number' ||
    typeof end !== 'number' ||
    typeof record.text !== 'string'
  ) {
    throw new ValidationError(
      `Record "${record.id}" does not hold a chunk: it needs text and the ${Object.values(chunkMetadataKeys).join(', ')} metadata that chunkToRecord writes.`,
    );
  }
  for (const key of Object.values(chunkMetadataKeys)) delete metadata[key];
  return { id: record.id, documentId, index, text: record.text, start, end, metadata };
}

/** The content hash stored with a chunk record, if any. */
export function recordContentHash(record: VectorRecord): string | undefined {
  const hash = record.metadata?.[chunkMetadataKeys.contentHash];
  return typeof hash === 'string' ? hash : undefined;
}
