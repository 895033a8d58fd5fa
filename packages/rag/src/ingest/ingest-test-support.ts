// Test helpers for the ingestion tests (not part of the library).
import { recordToChunk } from '../chunk-records/index.js';
import type { InMemoryVectorStore } from '../stores/in-memory/index.js';
import type { Document } from '../types/index.js';

/** Everything a store holds, sorted by id, vectors as plain arrays: comparable with toEqual. */
export function dumpStore(store: InMemoryVectorStore) {
  const snapshot = store.snapshot();
  return snapshot.ids
    .map((id, row) => ({
      id,
      text: snapshot.texts[row],
      metadata: snapshot.metadata[row],
      vector: Array.from(
        snapshot.vectors.subarray(row * snapshot.dimensions, (row + 1) * snapshot.dimensions),
      ),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Checks that each stored record is a chunk whose offsets point into its document. */
export function chunksPointIntoDocuments(store: InMemoryVectorStore, documents: Document[]) {
  const byId = new Map(documents.map((document) => [document.id, document]));
  const snapshot = store.snapshot();
  return snapshot.ids.every((id, row) => {
    const chunk = recordToChunk({
      id,
      vector: new Float32Array(0),
      text: snapshot.texts[row],
      metadata: snapshot.metadata[row],
    });
    return byId.get(chunk.documentId)?.text.slice(chunk.start, chunk.end) === chunk.text;
  });
}

/** A small corpus: `count` documents of a few paragraphs; `version` edits a third of them. */
export function corpus(count: number, version: number): Document[] {
  return Array.from({ length: count }, (_, index) => {
    const edited = version > 0 && index % 3 === version % 3;
    const paragraphs = Array.from(
      // Odd versions shorten the edited documents, even ones lengthen them.
      { length: 3 + (index % 4) + (edited ? (version % 2 ? -2 : version) : 0) },
      (_, p) =>
        `Document ${index} paragraph ${p}${edited && p === 1 ? ` edited in version ${version}` : ''}: the quick brown fox jumps over the lazy dog.`,
    );
    return {
      id: `doc-${index}.md`,
      text: paragraphs.join('\n\n'),
      metadata: { source: `doc-${index}.md`, title: `Doc ${index}` },
    };
  });
}

/** The largest difference between the vectors of two dumps of the same records. */
export function largestVectorDifference(
  a: ReturnType<typeof dumpStore>,
  b: ReturnType<typeof dumpStore>,
): number {
  let largest = 0;
  a.forEach((record, row) => {
    const other = b[row]?.vector ?? [];
    if (other.length !== record.vector.length) largest = Number.POSITIVE_INFINITY;
    record.vector.forEach((value, i) => {
      largest = Math.max(largest, Math.abs(value - (other[i] as number)));
    });
  });
  return largest;
}
