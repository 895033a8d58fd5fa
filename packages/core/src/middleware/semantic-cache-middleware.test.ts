import { describe, expect, it } from 'vitest';
import { mockChatModel } from '../testing/mock-chat-model.js';
import { collectEvents } from '../testing/stream-helpers.js';
import type { ChatRequest } from '../types/chat-model.js';
import type { EmbeddingModel } from '../types/embedding-model.js';
import { semanticCacheMiddleware } from './semantic-cache-middleware.js';
import { wrapModel } from './wrap-model.js';

/** Letter counts: texts with the same letters (case, punctuation aside) are identical. */
function letterEmbedder(): EmbeddingModel & { calls: number } {
  const model = {
    provider: 'test',
    modelId: 'letters',
    maxBatchSize: 16,
    calls: 0,
    async embed(texts: string[]) {
      model.calls++;
      return {
        embeddings: texts.map((text) => {
          const vector = new Float32Array(26);
          for (const char of text.toLowerCase()) {
            const index = char.charCodeAt(0) - 97;
            if (index >= 0 && index < 26) vector[index] = (vector[index] ?? 0) + 1;
          }
          return vector;
        }),
      };
    },
  };
  return model;
}

const ask = (content: string, system?: string): ChatRequest => ({
  messages: [
    ...(system ? [{ role: 'system' as const, content: system }] : []),
    { role: 'user', content },
  ],
});

describe('semanticCacheMiddleware', () => {
  it('answers a question close in meaning from the cache, and a different one from the model', async () => {
    const inner = mockChatModel({
      replies: [(request) => `answer to ${JSON.stringify(request.messages.at(-1)?.content)}`],
    });
    const hits: number[] = [];
    const model = wrapModel(inner, [
      semanticCacheMiddleware({
        embeddingModel: letterEmbedder(),
        onHit: (hit) => hits.push(hit.similarity),
      }),
    ]);
    const first = await model.generate(ask('What is the capital of France?'));
    const close = await model.generate(ask('what is the capital of france'));
    expect(close.text).toBe(first.text);
    expect(close.response.cached).toBe(true);
    expect(hits[0]).toBeGreaterThanOrEqual(0.95);
    const other = await model.generate(ask('Explain photosynthesis to a child.'));
    expect(other.response.cached).toBeUndefined();
    expect(inner.calls).toHaveLength(2);
  });

  it('matches only within the same system prompt and settings', async () => {
    const inner = mockChatModel({ replies: ['x'] });
    const model = wrapModel(inner, [semanticCacheMiddleware({ embeddingModel: letterEmbedder() })]);
    await model.generate(ask('Hello there', 'Be formal.'));
    await model.generate(ask('Hello there', 'Be casual.'));
    await model.generate({ ...ask('Hello there', 'Be formal.'), temperature: 1 });
    expect(inner.calls).toHaveLength(3);
  });

  it('passes requests with tools through without embedding them', async () => {
    const embedder = letterEmbedder();
    const inner = mockChatModel({ replies: ['x'] });
    const model = wrapModel(inner, [semanticCacheMiddleware({ embeddingModel: embedder })]);
    const tools = [{ name: 'lookup', inputSchema: { type: 'object' } }];
    await model.generate({ ...ask('Hi'), tools });
    await model.generate({ ...ask('Hi'), tools });
    expect(inner.calls).toHaveLength(2);
    expect(embedder.calls).toBe(0);
  });

  it('stores a streamed answer and replays it as a stream', async () => {
    const inner = mockChatModel({ replies: ['streamed answer'] });
    const model = wrapModel(inner, [semanticCacheMiddleware({ embeddingModel: letterEmbedder() })]);
    await collectEvents(model.stream(ask('Tell me a joke')));
    const events = await collectEvents(model.stream(ask('tell me a joke!')));
    expect(
      events.filter((e) => e.type === 'text-delta').map((e) => e.type === 'text-delta' && e.delta),
    ).toEqual(['streamed answer']);
    const finish = events.at(-1);
    expect(finish?.type === 'finish' && finish.response.cached).toBe(true);
    expect(inner.calls).toHaveLength(1);
  });

  it('does not store truncated answers', async () => {
    const inner = mockChatModel({ replies: [{ text: 'cut', finishReason: 'length' }] });
    const model = wrapModel(inner, [semanticCacheMiddleware({ embeddingModel: letterEmbedder() })]);
    await model.generate(ask('Hi'));
    await model.generate(ask('Hi'));
    expect(inner.calls).toHaveLength(2);
  });

  it('refuses a threshold outside (-1, 1]', () => {
    expect(() =>
      semanticCacheMiddleware({ embeddingModel: letterEmbedder(), threshold: 1.5 }),
    ).toThrow(/threshold/);
  });
});
