import { AbortError, memoryEmbeddingCache, ValidationError } from '@weft/core';
import { describe, expect, it } from 'vitest';
import { ids, passageChunks, passageStore, topicEmbeddingModel } from './testing-fixtures.js';
import { vectorRetriever } from './vector-retriever.js';

describe('vectorRetriever', () => {
  it('embeds the query once and returns the nearest chunks, best first, as chunks', async () => {
    const embeddingModel = topicEmbeddingModel();
    const retriever = vectorRetriever({ store: await passageStore(), embeddingModel });
    const results = await retriever.retrieve('kitten and cats', { topK: 2 });
    expect(ids(results)).toEqual(['pets#0', 'mixed#0']);
    expect(results[0]?.chunk).toEqual(passageChunks()[0]);
    expect(results[0]?.score).toBeGreaterThan(results[1]?.score ?? 1);
    expect(embeddingModel.calls.map((call) => call.texts)).toEqual([['kitten and cats']]);
  });

  it('embeds a query asked again only once when given an embedding cache', async () => {
    const embeddingModel = topicEmbeddingModel();
    const embeddingCache = memoryEmbeddingCache();
    const store = await passageStore();
    const first = vectorRetriever({ store, embeddingModel, embeddingCache });
    const again = vectorRetriever({ store, embeddingModel, embeddingCache });
    const before = await first.retrieve('kitten and cats', { topK: 2 });
    const after = await again.retrieve('kitten and cats', { topK: 2 });
    expect(ids(after)).toEqual(ids(before));
    expect(embeddingModel.calls.map((call) => call.texts)).toEqual([['kitten and cats']]);
  });

  it('applies the metadata filter and the default topK', async () => {
    const retriever = vectorRetriever({
      store: await passageStore(),
      embeddingModel: topicEmbeddingModel(),
      topK: 1,
    });
    const results = await retriever.retrieve('cats', { filter: { topic: { $ne: 'pets' } } });
    expect(ids(results)).toEqual(['mixed#0']);
  });

  it('leaves out results below minScore', async () => {
    const retriever = vectorRetriever({
      store: await passageStore(),
      embeddingModel: topicEmbeddingModel(),
      minScore: 0.5,
    });
    const results = await retriever.retrieve('rocket orbit', { topK: 5 });
    expect(ids(results)).toEqual(['space#0']);
  });

  it('refuses a bad topK, a non-string query and missing options with ValidationError', async () => {
    const retriever = vectorRetriever({
      store: await passageStore(),
      embeddingModel: topicEmbeddingModel(),
    });
    await expect(retriever.retrieve('cats', { topK: 0 })).rejects.toThrow(ValidationError);
    await expect(retriever.retrieve(42 as unknown as string)).rejects.toThrow(
      /query must be a string/,
    );
    expect(() =>
      vectorRetriever({ store: {} as never, embeddingModel: topicEmbeddingModel() }),
    ).toThrow(/store must have a query\(\) method/);
  });

  it('stops before embedding when the signal is already aborted', async () => {
    const embeddingModel = topicEmbeddingModel();
    const retriever = vectorRetriever({ store: await passageStore(), embeddingModel });
    const controller = new AbortController();
    controller.abort(new AbortError());
    await expect(retriever.retrieve('cats', { signal: controller.signal })).rejects.toThrow();
    expect(embeddingModel.calls).toHaveLength(0);
  });
});
