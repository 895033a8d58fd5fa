import { AbortError, ValidationError } from '@weft/core';
import { mockEmbeddingModel } from '@weft/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BM25Index } from '../bm25/index.js';
import { recursiveChunker } from '../chunkers/index.js';
import { InMemoryVectorStore } from '../stores/in-memory/index.js';
import type { Document } from '../types/index.js';
import { ingest } from './ingest.js';
import { memoryIngestState } from './ingest-state.js';
import {
  chunksPointIntoDocuments,
  corpus,
  dumpStore,
  largestVectorDifference,
} from './ingest-test-support.js';
import type { IngestOptions, IngestProgress } from './types.js';

const dimensions = 8;

function setup(overrides: Partial<IngestOptions> = {}) {
  const model = mockEmbeddingModel({ dimensions });
  const store = new InMemoryVectorStore({ dimensions });
  const keywordIndex = new BM25Index();
  const state = memoryIngestState();
  const chunker = recursiveChunker({ chunkSize: 120, chunkOverlap: 20 });
  const run = (documents: Document[], more: Partial<IngestOptions> = {}) =>
    ingest({
      documents,
      chunker,
      embeddingModel: model,
      store,
      keywordIndex,
      state,
      batchSize: 7,
      ...overrides,
      ...more,
    });
  const embeddedTexts = () => model.calls.flatMap((call) => call.texts);
  return { model, store, keywordIndex, state, chunker, run, embeddedTexts };
}

async function freshStore(documents: Document[]) {
  const { store, run } = setup();
  await run(documents);
  return store;
}

describe('ingest', () => {
  it('writes every chunk with its vector, offsets and metadata, and reports progress', async () => {
    const { store, run, embeddedTexts, keywordIndex } = setup();
    const documents = corpus(6, 0);
    const events: IngestProgress[] = [];
    const result = await run(documents, { onProgress: (event) => events.push(event) });
    expect(result.added).toBe(result.chunks);
    expect(result.embeddedTexts).toBe(new Set(embeddedTexts()).size);
    expect(await store.count()).toBe(result.chunks);
    expect(keywordIndex.size).toBe(result.chunks);
    expect(chunksPointIntoDocuments(store, documents)).toBe(true);
    expect(result.documents).toEqual({ added: 6, changed: 0, unchanged: 0, removed: 0 });
    expect(events.at(-1)).toMatchObject({
      phase: 'done',
      chunks: result.chunks,
      total: result.chunks,
    });
    expect(events.map((event) => event.phase)).toEqual(
      expect.arrayContaining(['chunking', 'embedding', 'writing', 'done']),
    );
    const chunkCounts = events.map((event) => event.chunks);
    expect(chunkCounts).toEqual([...chunkCounts].sort((a, b) => a - b));
  });

  it('embeds nothing and writes nothing when run again on the same documents', async () => {
    const { store, run, model } = setup();
    await run(corpus(5, 0));
    const before = dumpStore(store);
    const calls = model.calls.length;
    const result = await run(corpus(5, 0));
    expect(model.calls.length).toBe(calls);
    expect(result).toMatchObject({ added: 0, updated: 0, deleted: 0, embeddedTexts: 0 });
    expect(result.unchanged).toBe(result.chunks);
    expect(dumpStore(store)).toEqual(before);
  });

  it('embeds only the changed chunks, deletes what changed and removed documents left behind', async () => {
    const { store, run, model, keywordIndex } = setup();
    await run(corpus(6, 0));
    const calls = model.calls.length;
    const next = corpus(6, 1).slice(0, 5); // doc-5 removed, docs 1 and 4 edited
    const result = await run(next);
    const newTexts = model.calls.slice(calls).flatMap((call) => call.texts);
    expect(newTexts.length).toBeGreaterThan(0);
    expect(newTexts.every((text) => /Document [14] /.test(text))).toBe(true);
    expect(result.documents).toEqual({ added: 0, changed: 2, unchanged: 3, removed: 1 });
    expect(await store.count({ 'weft.documentId': 'doc-5.md' })).toBe(0);
    expect(
      keywordIndex.search('Document 5', { topK: 50 }).some((hit) => hit.id.startsWith('doc-5.md')),
    ).toBe(false);
    expect(dumpStore(store)).toEqual(dumpStore(await freshStore(next)));
    expect(keywordIndex.size).toBe(await store.count());
  });

  it('deletes the chunks a shrunken document no longer has', async () => {
    const { store, run } = setup();
    const long: Document = { id: 'a', text: 'word '.repeat(200).trim(), metadata: {} };
    const first = await run([long]);
    const result = await run([{ ...long, text: 'word '.repeat(30).trim() }]);
    expect(result.deleted).toBe(first.chunks - result.chunks);
    expect(await store.count()).toBe(result.chunks);
  });

  it('rewrites a chunk whose metadata changed without embedding it again', async () => {
    const { store, run, model } = setup();
    const documents = corpus(2, 0);
    await run(documents);
    const calls = model.calls.length;
    const renamed = documents.map((document) => ({
      ...document,
      metadata: { ...document.metadata, title: 'Renamed' },
    }));
    const result = await run(renamed);
    expect(model.calls.length).toBe(calls);
    expect(result.updated).toBe(result.chunks);
    expect(store.snapshot().metadata.every((metadata) => metadata?.title === 'Renamed')).toBe(true);
  });

  it('keeps documents missing from the list when prune is false', async () => {
    const { store, run } = setup();
    const documents = corpus(3, 0);
    const first = await run(documents);
    const result = await run(documents.slice(0, 1), { prune: false });
    expect(result.deleted).toBe(0);
    expect(await store.count()).toBe(first.chunks);
  });

  it('refuses duplicate document ids before changing anything', async () => {
    const { store, run, model, state } = setup();
    const [document] = corpus(1, 0) as [Document];
    const error = await run([document, { ...document }]).catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/duplicate document id "doc-0.md"/);
    expect(model.calls).toEqual([]);
    expect(await store.count()).toBe(0);
    expect(await state.load()).toBeUndefined();
  });

  it('refuses a model whose vectors do not fit the store before writing', async () => {
    const { store, run, state } = setup({ embeddingModel: mockEmbeddingModel({ dimensions: 16 }) });
    await expect(run(corpus(2, 0))).rejects.toThrow(/16-dimension vectors but the store holds 8/);
    // A model that does not announce its dimensions is caught on its first answer.
    const quiet = { ...mockEmbeddingModel({ dimensions: 16 }), dimensions: undefined };
    await expect(run(corpus(2, 0), { embeddingModel: quiet })).rejects.toThrow(
      /returned 16-dimension vectors but the store holds 8/,
    );
    expect(await store.count()).toBe(0);
    expect(await state.load()).toBeUndefined();
  });

  it('stops on abort with what was committed kept, and a re-run finishes the job', async () => {
    const controller = new AbortController();
    const model = mockEmbeddingModel({
      dimensions,
      maxBatchSize: 4,
      beforeAnswer: (_texts, callIndex) => {
        if (callIndex === 3) controller.abort();
      },
    });
    const { store, run } = setup({ embeddingModel: model, concurrency: 1 });
    const documents = corpus(8, 0);
    const error = await run(documents, { signal: controller.signal }).catch(
      (caught: unknown) => caught,
    );
    expect(AbortError.isInstance(error)).toBe(true);
    const partial = await store.count();
    expect(partial).toBeGreaterThan(0);
    expect(chunksPointIntoDocuments(store, documents)).toBe(true);
    const result = await run(documents);
    expect(result.unchanged).toBe(partial);
    expect(dumpStore(store)).toEqual(dumpStore(await freshStore(documents)));
  });

  it('ends, after any sequence of edits, with the store a fresh run gives', async () => {
    const edit = fc.record({
      keep: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      version: fc.integer({ min: 0, max: 4 }),
      retitle: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
        const { store, run, keywordIndex } = setup();
        let documents: Document[] = [];
        for (const { keep, version, retitle } of edits) {
          documents = corpus(5, version)
            .filter((_, index) => keep[index])
            .map((document) =>
              retitle ? { ...document, metadata: { ...document.metadata, title: 'T' } } : document,
            );
          await run(documents);
        }
        const fresh = dumpStore(await freshStore(documents));
        const incremental = dumpStore(store);
        expect(incremental.map(({ vector, ...rest }) => rest)).toEqual(
          fresh.map(({ vector, ...rest }) => rest),
        );
        // Rewritten records keep their stored vector, normalized again (an ulp at most).
        expect(largestVectorDifference(incremental, fresh)).toBeLessThan(1e-6);
        expect(keywordIndex.size).toBe(fresh.length);
      }),
      { numRuns: 25 },
    );
  });
});
