import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recursiveChunker } from '../chunkers/index.js';
import { unicodeText } from '../chunkers/testing-arbitraries.js';
import type { Document, ScoredChunk } from '../types/index.js';
import { parentDocumentRetriever } from './parent-document-retriever.js';
import type { RetrieverWarning } from './retrieve-options.js';
import { sentenceWindowRetriever } from './sentence-window-retriever.js';
import { fixedRetriever } from './testing-fixtures.js';

const text =
  'First sentence here. Second one follows. Third is the match. Fourth comes next. Fifth ends it.';
const document: Document = { id: 'doc', text, metadata: { source: 'doc.md' } };
const documents = new Map([[document.id, document]]);

function chunkOf(start: number, end: number, id = `doc#${start}`): ScoredChunk {
  return {
    chunk: {
      id,
      documentId: 'doc',
      index: 0,
      text: text.slice(start, end),
      start,
      end,
      metadata: {},
    },
    score: 1,
  };
}

const third = text.indexOf('Third');

function splitsPair(value: string, offset: number): boolean {
  const before = value.charCodeAt(offset - 1);
  const after = value.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}
const thirdEnd = text.indexOf(' Fourth');

describe('parentDocumentRetriever', () => {
  it('returns the whole parent document in document mode, keeping the chunk id', async () => {
    const retriever = parentDocumentRetriever({
      retriever: fixedRetriever([chunkOf(third, thirdEnd)]),
      documents,
      mode: 'document',
    });
    const [result] = await retriever.retrieve('q');
    expect(result?.chunk).toMatchObject({ id: `doc#${third}`, start: 0, end: text.length, text });
  });

  it('widens by `window` characters on each side, clamped to the document', async () => {
    const retriever = parentDocumentRetriever({
      retriever: fixedRetriever([chunkOf(third, thirdEnd)]),
      getDocument: async (id) => documents.get(id),
      window: 10,
    });
    const [result] = await retriever.retrieve('q');
    expect(result?.chunk.start).toBe(third - 10);
    expect(result?.chunk.end).toBe(thirdEnd + 10);
    expect(result?.chunk.text).toBe(text.slice(third - 10, thirdEnd + 10));
  });

  it('merges overlapping windows of one document into the better-scored result', async () => {
    const first = chunkOf(0, 20);
    const second = { ...chunkOf(21, 40), score: 0.5 };
    const retriever = parentDocumentRetriever({
      retriever: fixedRetriever([first, second]),
      documents,
      window: 5,
    });
    const results = await retriever.retrieve('q');
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ score: 1, chunk: { id: 'doc#0', start: 0, end: 45 } });
  });

  it('keeps a chunk whose document is missing or changed, with a warning', async () => {
    const warnings: RetrieverWarning[] = [];
    const stale = chunkOf(0, 5);
    stale.chunk.text = 'Other';
    const orphan = {
      ...chunkOf(0, 5, 'gone#0'),
      chunk: { ...chunkOf(0, 5).chunk, id: 'gone#0', documentId: 'gone' },
    };
    const retriever = parentDocumentRetriever({
      retriever: fixedRetriever([stale, orphan]),
      documents,
      onWarning: (warning) => warnings.push(warning),
    });
    const results = await retriever.retrieve('q');
    expect(results.map((result) => result.chunk)).toEqual([stale.chunk, orphan.chunk]);
    expect(warnings.map((warning) => warning.message)).toEqual([
      expect.stringMatching(/no longer holds chunk "doc#0"/),
      expect.stringMatching(/No parent document "gone"/),
    ]);
  });

  it('keeps exact offsets and contains the match on random Unicode text (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        unicodeText,
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        async (randomText, window, picks) => {
          const doc: Document = { id: 'r', text: randomText, metadata: {} };
          const chunks = recursiveChunker({ chunkSize: 30, chunkOverlap: 5 }).chunk(doc);
          fc.pre(chunks.length > 0);
          const chosen = [...new Set(picks.map((pick) => pick % chunks.length))].map(
            (index, rank) => ({
              chunk: chunks[index] as (typeof chunks)[number],
              score: 1 - rank / 10,
            }),
          );
          for (const retriever of [
            parentDocumentRetriever({
              retriever: fixedRetriever(chosen),
              documents: new Map([['r', doc]]),
              window,
            }),
            sentenceWindowRetriever({
              retriever: fixedRetriever(chosen),
              documents: new Map([['r', doc]]),
              sentences: 1,
            }),
          ]) {
            const results = await retriever.retrieve('q', { topK: chosen.length });
            for (const { chunk } of results) {
              expect(randomText.slice(chunk.start, chunk.end)).toBe(chunk.text);
              // A widened edge never splits a surrogate pair.
              expect(splitsPair(randomText, chunk.start)).toBe(false);
              expect(splitsPair(randomText, chunk.end)).toBe(false);
            }
            // Every chosen chunk lies inside some result.
            for (const { chunk } of chosen) {
              expect(
                results.some(
                  (result) => result.chunk.start <= chunk.start && result.chunk.end >= chunk.end,
                ),
              ).toBe(true);
            }
          }
        },
      ),
    );
  });
});

describe('sentenceWindowRetriever', () => {
  it('adds whole neighbouring sentences around the match', async () => {
    const retriever = sentenceWindowRetriever({
      retriever: fixedRetriever([chunkOf(third, thirdEnd)]),
      documents,
      sentences: 1,
    });
    const [result] = await retriever.retrieve('q');
    expect(result?.chunk.text.trim()).toBe(
      'Second one follows. Third is the match. Fourth comes next.',
    );
    expect(text.slice(result?.chunk.start, result?.chunk.end)).toBe(result?.chunk.text);
  });

  it('with zero sentences returns the sentence holding the match', async () => {
    const inside = text.indexOf('is the');
    const retriever = sentenceWindowRetriever({
      retriever: fixedRetriever([chunkOf(inside, inside + 6)]),
      documents,
      sentences: 0,
    });
    const [result] = await retriever.retrieve('q');
    expect(result?.chunk.text.trim()).toBe('Third is the match.');
  });
});
