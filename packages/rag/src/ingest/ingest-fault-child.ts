// Test helper for ingest-fault.test.ts (not part of the library): ingests a corpus version
// into an InMemoryVectorStore that is saved to disk after every write, with a file state,
// until done or until the parent kills it.
// argv: <folder> <corpus version> <documents>
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { mockEmbeddingModel } from '@weft/core/testing';
import { recursiveChunker } from '../chunkers/index.js';
import { InMemoryVectorStore } from '../stores/in-memory/index.js';
import { loadVectorStore, saveVectorStore } from '../stores/in-memory/persist.js';
import type { VectorStore } from '../types/index.js';
import { fileIngestState } from './file-ingest-state.js';
import { ingest } from './ingest.js';
import { corpus } from './ingest-test-support.js';

const [folder, version, count] = process.argv.slice(2) as [string, string, string];
const storePath = join(folder, 'store.weft');
const inner = existsSync(storePath)
  ? await loadVectorStore(storePath)
  : new InMemoryVectorStore({ dimensions: 8 });
const persisted: VectorStore = {
  dimensions: inner.dimensions,
  capabilities: inner.capabilities,
  get: (ids) => inner.get(ids),
  query: (query) => inner.query(query),
  count: (filter) => inner.count(filter),
  close: () => inner.close(),
  async upsert(records) {
    await inner.upsert(records);
    await saveVectorStore(inner, storePath);
  },
  async delete(selector) {
    const deleted = await inner.delete(selector);
    await saveVectorStore(inner, storePath);
    return deleted;
  },
};
const model = mockEmbeddingModel({
  dimensions: 8,
  maxBatchSize: 4,
  beforeAnswer: () => new Promise((resolve) => setTimeout(resolve, 3)),
});
process.send?.('ready');
await ingest({
  documents: corpus(Number(count), Number(version)),
  chunker: recursiveChunker({ chunkSize: 120, chunkOverlap: 20 }),
  embeddingModel: model,
  store: persisted,
  state: fileIngestState(join(folder, 'state.json')),
  batchSize: 5,
  concurrency: 2,
  // Tells the parent how far the run has come, so that it can kill it at any step.
  onProgress: (progress) => {
    if (progress.phase !== 'chunking') process.send?.(progress.phase);
  },
});
process.send?.('done');
process.disconnect?.();
