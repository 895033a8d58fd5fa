import { mockChatModel } from '@weft/core/testing';
import { describe, expect, it } from 'vitest';
import { hydeRetriever } from './hyde-retriever.js';
import { ids, passageStore, promptOf, topicEmbeddingModel } from './testing-fixtures.js';

describe('hydeRetriever', () => {
  it('embeds the hypothetical answer, not the question, and searches with it', async () => {
    const model = mockChatModel({
      replies: ['Rockets reach orbit by burning fuel; space is far.'],
    });
    const embeddingModel = topicEmbeddingModel();
    const retriever = hydeRetriever({ store: await passageStore(), embeddingModel, model });
    const results = await retriever.retrieve('How does one get off the planet?', { topK: 1 });
    expect(ids(results)).toEqual(['space#0']);
    expect(embeddingModel.calls.map((call) => call.texts)).toEqual([
      ['Rockets reach orbit by burning fuel; space is far.'],
    ]);
    expect(promptOf(model.calls[0]?.request ?? { messages: [] })).toContain(
      'How does one get off the planet?',
    );
  });

  it('embeds the question when the model answers with nothing', async () => {
    const embeddingModel = topicEmbeddingModel();
    const retriever = hydeRetriever({
      store: await passageStore(),
      embeddingModel,
      model: mockChatModel({ replies: ['  '] }),
    });
    expect(ids(await retriever.retrieve('stock market', { topK: 1 }))).toEqual(['finance#0']);
    expect(embeddingModel.calls[0]?.texts).toEqual(['stock market']);
  });
});
