import { defaultEmbedConcurrency, embedMany, type Usage, ValidationError } from '@weft/core';
import { chunkToRecord } from '../chunk-records/index.js';
import { sameJson } from '../chunk-records/same-json.js';
import { embeddingIdentity, type KeyedChunk, throwIfAborted } from './chunk-documents.js';
import { embedScheduler, nextTurn } from './embed-scheduler.js';
import { emptyIngestState } from './ingest-state.js';
import { type EmbedWindow, windowPlanner } from './plan-windows.js';
import { prepareWrites } from './prepare-writes.js';
import type { IngestOptions, IngestProgress, IngestResult, IngestState } from './types.js';
import { defaultIngestBatchSize, validateIngestOptions } from './validate-ingest.js';

function addUsage(total: Usage, usage: Usage): void {
  if (usage.inputTokens !== undefined)
    total.inputTokens = (total.inputTokens ?? 0) + usage.inputTokens;
  if (usage.totalTokens !== undefined)
    total.totalTokens = (total.totalTokens ?? 0) + usage.totalTokens;
}

/**
 * Documents -> chunks -> embeddings -> store, incrementally: chunks already stored with the
 * same text, offsets and metadata are skipped, only new text is embedded, and (with a
 * `state`) the chunks of removed documents and those a changed document no longer has are
 * deleted. Before its first write a run saves a state that lists every chunk id it may
 * create, so a run killed at any point and started again ends with the store an
 * uninterrupted run gives.
 *
 * @example
 * const result = await ingest({ documents, chunker: markdownChunker({ chunkSize: 1000 }),
 *   embeddingModel, store, keywordIndex, state: fileIngestState('state.json') });
 */
export async function ingest(options: IngestOptions): Promise<IngestResult> {
  validateIngestOptions(options);
  const { documents, chunker, embeddingModel: model, store, keywordIndex, state } = options;
  const { signal, onProgress } = options;
  const batchSize = options.batchSize ?? defaultIngestBatchSize;
  const concurrency = options.concurrency ?? defaultEmbedConcurrency;
  const prune = options.prune ?? true;
  throwIfAborted(signal);
  const previous = (await state?.load()) ?? emptyIngestState();

  const progress: IngestProgress = {
    phase: 'chunking',
    documents: 0,
    totalDocuments: documents.length,
    chunks: 0,
    total: 0,
    embedded: 0,
    toEmbed: 0,
    deleted: 0,
  };
  const report = (phase: IngestProgress['phase']) => {
    progress.phase = phase;
    onProgress?.({ ...progress });
  };
  report('chunking');

  const usage: Usage = {};
  let embeddedTexts = 0;
  let added = 0;
  let updated = 0;
  // Embedding runs ahead of writing (and of chunking); a failure anywhere stops it.
  const inner = new AbortController();
  const stopInner = () => inner.abort(signal?.reason);
  signal?.addEventListener('abort', stopInner, { once: true });

  // Vectors of texts that some write still needs (a text can recur across windows).
  const vectors = new Map<string, Float32Array>();
  const embedWindow = async ({ texts }: EmbedWindow): Promise<void> => {
    if (texts.length === 0) return;
    let reported = 0;
    const result = await embedMany({
      model,
      values: texts,
      concurrency: 1,
      signal: inner.signal,
      cache: options.embeddingCache,
      maxRetries: options.maxRetries,
      onProgress: ({ completed }) => {
        progress.embedded += completed - reported;
        reported = completed;
        report('embedding');
      },
    });
    addUsage(usage, result.usage);
    embeddedTexts += texts.length - result.cacheHits;
    for (const [index, vector] of result.embeddings.entries()) {
      if (vector.length !== store.dimensions) {
        throw new ValidationError(
          `ingest: ${model.provider}/${model.modelId} returned ${vector.length}-dimension vectors but the store holds ${store.dimensions} dimensions; nothing from this batch was written.`,
        );
      }
      vectors.set(texts[index] as string, vector);
    }
  };

  // One window per request, sent as soon as its texts are known, while later documents are
  // still being chunked and compared; windows are written in order once all are planned.
  const planner = windowPlanner(model.maxBatchSize);
  const scheduler = embedScheduler(planner, {
    concurrency,
    signal: inner.signal,
    embed: embedWindow,
  });
  const stop = (error: unknown): never => {
    inner.abort(error);
    signal?.removeEventListener('abort', stopInner);
    throw error;
  };
  const { perDocument, unchanged, contentHashes } = await prepareWrites(
    documents,
    chunker,
    embeddingIdentity(model, store.dimensions),
    {
      store,
      batchSize,
      planner,
      scheduler,
      signal,
      onDocument: (done, unchangedSoFar) => {
        progress.documents = done;
        progress.chunks = unchangedSoFar;
        report('chunking');
      },
    },
  ).catch(stop);
  const groups = planner.finish();
  scheduler.poke();
  const allChunks = perDocument.flat();
  const currentIds = new Set(allChunks.map(({ chunk }) => chunk.id));
  progress.total = allChunks.length;
  progress.toEmbed = groups.reduce((sum, group) => sum + group.texts.length, 0);
  progress.chunks = unchanged.length;

  // What must go: ids a document had and no longer has, and (with prune) removed documents.
  const documentIds = new Set(documents.map((document) => document.id));
  const touched = new Set<string>();
  for (const group of groups) {
    for (const write of group.writes) touched.add(write.keyed.chunk.documentId);
  }
  const stale: string[] = [];
  for (const document of documents) {
    for (const id of previous.documents[document.id]?.chunkIds ?? []) {
      if (!currentIds.has(id)) {
        stale.push(id);
        touched.add(document.id);
      }
    }
  }
  const removed = prune ? Object.keys(previous.documents).filter((id) => !documentIds.has(id)) : [];
  for (const id of removed) {
    for (const chunkId of previous.documents[id]?.chunkIds ?? []) {
      if (!currentIds.has(chunkId)) stale.push(chunkId);
    }
  }

  const finalState: IngestState = { version: 1, documents: {} };
  for (const [id, entry] of Object.entries(previous.documents)) {
    if (!prune && !documentIds.has(id)) finalState.documents[id] = entry;
  }
  for (const [index, document] of documents.entries()) {
    finalState.documents[document.id] = {
      contentHash: contentHashes[index] as string,
      chunkIds: (perDocument[index] as KeyedChunk[]).map(({ chunk }) => chunk.id),
    };
  }

  // The write-ahead state: every id the store may hold once any write below has happened.
  let writeAheadSaved = false;
  const beforeFirstChange = async () => {
    if (writeAheadSaved || !state) return;
    writeAheadSaved = true;
    const writeAhead: IngestState = { version: 1, documents: { ...finalState.documents } };
    for (const [id, entry] of Object.entries(previous.documents)) {
      const next = writeAhead.documents[id];
      writeAhead.documents[id] = next
        ? { ...next, chunkIds: [...new Set([...entry.chunkIds, ...next.chunkIds])] }
        : entry;
    }
    await state.save(writeAhead);
  };

  if (keywordIndex) {
    // A keyword index rebuilt from scratch next to a persisted store still gets every chunk.
    const missing = unchanged.filter(({ chunk }) => !keywordIndex.has(chunk.id));
    if (missing.length > 0)
      keywordIndex.add(missing.map(({ chunk }) => ({ id: chunk.id, text: chunk.text })));
  }

  const commitWindow = async ({ writes: windowWrites, lastUses }: EmbedWindow) => {
    await beforeFirstChange();
    for (let start = 0; start < windowWrites.length; start += batchSize) {
      throwIfAborted(signal);
      const part = windowWrites.slice(start, start + batchSize);
      const records = part.map(({ keyed, vector }) =>
        chunkToRecord(
          keyed.chunk,
          vector ?? (vectors.get(keyed.chunk.text) as Float32Array),
          keyed.key,
        ),
      );
      await store.upsert(records);
      keywordIndex?.add(part.map(({ keyed }) => ({ id: keyed.chunk.id, text: keyed.chunk.text })));
      for (const write of part) {
        if (write.existed) updated++;
        else added++;
      }
      progress.chunks += part.length;
      report('writing');
      // Let answers in between batches, so that the next requests go out on time.
      if (scheduler.inFlight > 0) await nextTurn();
    }
    for (const text of lastUses) vectors.delete(text);
  };

  try {
    if (groups.length > 0) report('embedding');
    for (const [index, group] of groups.entries()) {
      await scheduler.embedded(index);
      await commitWindow(group);
      scheduler.written(index);
    }
  } catch (error) {
    inner.abort(error);
    throw error;
  } finally {
    signal?.removeEventListener('abort', stopInner);
  }

  let deleted = 0;
  if (stale.length > 0) {
    await beforeFirstChange();
    report('deleting');
    for (let start = 0; start < stale.length; start += batchSize) {
      throwIfAborted(signal);
      const ids = stale.slice(start, start + batchSize);
      deleted += await store.delete({ ids });
      keywordIndex?.remove(ids);
      progress.deleted = deleted;
      report('deleting');
    }
  }
  if (state && (writeAheadSaved || !sameJson(previous, finalState))) await state.save(finalState);
  report('done');

  let documentsAdded = 0;
  let documentsChanged = 0;
  for (const document of documents) {
    if (!previous.documents[document.id]) documentsAdded++;
    else if (touched.has(document.id)) documentsChanged++;
  }
  return {
    added,
    updated,
    unchanged: unchanged.length,
    deleted,
    chunks: allChunks.length,
    embeddedTexts,
    usage,
    documents: {
      added: documentsAdded,
      changed: documentsChanged,
      unchanged: documents.length - documentsAdded - documentsChanged,
      removed: removed.length,
    },
  };
}
