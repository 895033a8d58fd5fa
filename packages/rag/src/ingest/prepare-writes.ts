import type { AsyncChunker } from '../chunkers/index.js';
import type { Chunker, Document } from '../types/index.js';
import type { VectorStore } from '../types/vector-store.js';
import { chunkDocuments, type KeyedChunk } from './chunk-documents.js';
import { compareWithStore } from './compare-with-store.js';
import { type EmbedScheduler, nextTurn } from './embed-scheduler.js';
import { textHasher } from './hash-text.js';
import type { WindowPlanner } from './plan-windows.js';

export interface PreparedWrites {
  /** Each document's keyed chunks, in order. */
  perDocument: KeyedChunk[][];
  /** Chunks already stored as they are. */
  unchanged: KeyedChunk[];
  /** Each document's `contentHash`, or the hash of its text. */
  contentHashes: string[];
}

/**
 * Chunks, hashes and compares the documents with the store, one batch of chunks at a time,
 * handing the writes to the planner as they are found, so that the scheduler sends each
 * window's request as soon as its texts are known while the rest is still being prepared.
 * Reads the store, never writes it.
 */
export async function prepareWrites(
  documents: readonly Document[],
  chunker: Chunker | AsyncChunker,
  identity: string,
  options: {
    store: VectorStore;
    batchSize: number;
    planner: WindowPlanner;
    scheduler: EmbedScheduler;
    signal?: AbortSignal;
    onDocument?: (done: number, unchanged: number) => void;
  },
): Promise<PreparedWrites> {
  const { store, batchSize, planner, scheduler, signal } = options;
  const unchanged: KeyedChunk[] = [];
  const pending: KeyedChunk[] = [];
  const contentHashes: string[] = [];
  const hash = textHasher();
  let lastTurn = Date.now();
  const compare = async (batch: KeyedChunk[]) => {
    const comparison = await compareWithStore(batch, store, { batchSize, signal });
    for (const write of comparison.writes) planner.add(write);
    unchanged.push(...comparison.unchanged);
    scheduler.poke();
  };
  const perDocument = await chunkDocuments(documents, chunker, identity, {
    signal,
    onChunks: async (keyed) => {
      pending.push(...keyed);
      while (pending.length >= batchSize) await compare(pending.splice(0, batchSize));
      // Answers to the requests in flight are taken between slices of chunks.
      if (scheduler.inFlight > 0 && Date.now() - lastTurn >= 2) {
        await nextTurn();
        lastTurn = Date.now();
      }
    },
    onDocument: async (done) => {
      const document = documents[done - 1] as Document;
      contentHashes.push(document.contentHash ?? (await hash(document.text)));
      options.onDocument?.(done, unchanged.length);
    },
  });
  if (pending.length > 0) await compare(pending.splice(0));
  return { perDocument, unchanged, contentHashes };
}
