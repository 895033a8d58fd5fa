import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type EmbeddingModel, embed } from '@weft/core';
import {
  BM25Index,
  type Chunker,
  type Document,
  type IngestOptions,
  type IngestResult,
  InMemoryVectorStore,
  ingest,
} from '@weft/rag';
import { fileIngestState, loadVectorStore, saveVectorStore } from '@weft/rag/node';

/** The files of an on-disk index: vectors, BM25 keyword index, and what was ingested. */
export function diskIndexPaths(dir: string) {
  return {
    store: join(dir, 'store.weft'),
    keywords: join(dir, 'bm25.json'),
    state: join(dir, 'state.json'),
  };
}

export interface IngestToDiskOptions {
  /** Where the index is kept; created when missing. */
  dir: string;
  documents: readonly Document[];
  chunker: Chunker;
  embeddingModel: EmbeddingModel;
  onProgress?: IngestOptions['onProgress'];
}

export interface DiskIndex {
  store: InMemoryVectorStore;
  keywordIndex: BM25Index;
  result: IngestResult;
}

/** Writes a file so that a crash leaves the old content or the new, never half of it. */
async function writeFileAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}

/**
 * Ingests `documents` into the vector store and BM25 index saved in `dir` (new ones on the
 * first run), then saves both. The ingest state beside them means a second run over the
 * same documents embeds nothing, and only what changed later.
 */
export async function ingestToDisk(options: IngestToDiskOptions): Promise<DiskIndex> {
  const { dir, embeddingModel } = options;
  const paths = diskIndexPaths(dir);
  await mkdir(dir, { recursive: true });

  // The saved store, or a new one sized for the model (asked with one probe if it won't say).
  const store = existsSync(paths.store)
    ? await loadVectorStore(paths.store)
    : new InMemoryVectorStore({
        dimensions:
          embeddingModel.dimensions ??
          (await embed({ model: embeddingModel, value: 'dimensions probe' })).embedding.length,
      });
  const keywordIndex = existsSync(paths.keywords)
    ? BM25Index.fromJSON(JSON.parse(await readFile(paths.keywords, 'utf8')))
    : new BM25Index({ stopWords: true, stemming: true });

  const result = await ingest({
    documents: options.documents,
    chunker: options.chunker,
    embeddingModel,
    store,
    keywordIndex,
    state: fileIngestState(paths.state),
    onProgress: options.onProgress,
  });
  await saveVectorStore(store, paths.store);
  await writeFileAtomically(paths.keywords, JSON.stringify(keywordIndex.toJSON()));
  return { store, keywordIndex, result };
}
