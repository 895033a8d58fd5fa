import { ProviderError, ValidationError } from '@weft/core';
import { mockChatModel, textStreamEvents } from '@weft/core/testing';
import { describe, expect, it } from 'vitest';
import { noAnswerText } from './answer-prompt.js';
import { streamAnswer } from './stream-answer.js';
import { documentOf, scriptedRetriever, wholeChunks } from './test-fixtures.js';
import type { AnswerStreamEvent } from './types.js';

const reply = 'Every chunk records its start and end offsets [2]. BM25 uses k1 [1].';

function streamingModel(deltas: string[]) {
  return mockChatModel({
    replies: [
      {
        events: textStreamEvents({
          deltas,
          usage: { inputTokens: 120, outputTokens: 20 },
          finishReason: 'stop',
        }),
      },
    ],
  });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('streamAnswer', () => {
  it('streams the text, then resolves citations with exact offsets and usage', async () => {
    const model = streamingModel([
      'Every chunk records its start and end ',
      'offsets [2]. BM25',
      ' uses k1 [1].',
    ]);
    const result = streamAnswer({
      model,
      retriever: scriptedRetriever(wholeChunks()),
      question: 'q',
    });

    expect((await collect(result.textStream)).join('')).toBe(reply);
    expect(await result.text).toBe(reply);
    const citations = await result.citations;
    expect(citations.map((c) => [c.passage, c.source])).toEqual([
      [2, 'docs/chunking.md'],
      [1, 'docs/bm25.md'],
    ]);
    for (const citation of citations) {
      expect(documentOf(citation).text.slice(citation.start, citation.end)).toBe(citation.quote);
    }
    expect(await result.usage).toMatchObject({ inputTokens: 120, outputTokens: 20 });
    expect(await result.finishReason).toBe('stop');
    expect(await result.noAnswer).toBe(false);
    expect(model.calls[0]?.method).toBe('stream');
  });

  it('emits the passages first and the citations last, and replays to every reader', async () => {
    const model = streamingModel([reply]);
    const result = streamAnswer({
      model,
      retriever: scriptedRetriever(wholeChunks()),
      question: 'q',
    });
    const [first, second] = await Promise.all([collect(result), collect(result)]);

    expect(first).toEqual(second);
    const types = first.map((event: AnswerStreamEvent) => event.type);
    expect(types[0]).toBe('passages');
    expect(types.at(-1)).toBe('citations');
    expect(types).toContain('text-delta');
    expect(types).toContain('finish');
    const passages = first[0] as Extract<AnswerStreamEvent, { type: 'passages' }>;
    expect(passages.passages.map((p) => p.number)).toEqual([1, 2, 3]);
    const last = first.at(-1) as Extract<AnswerStreamEvent, { type: 'citations' }>;
    expect(last.citations).toEqual(await result.citations);
  });

  it('streams the fixed "I don\'t know" without calling the model when nothing is retrieved', async () => {
    const model = streamingModel(['unused']);
    const result = streamAnswer({ model, retriever: scriptedRetriever([]), question: 'q' });

    expect((await collect(result.textStream)).join('')).toBe(noAnswerText);
    expect(await result.noAnswer).toBe(true);
    expect(await result.citations).toEqual([]);
    expect(model.calls).toHaveLength(0);
  });

  it('rejects its promises and ends the text stream with the error when retrieval fails', async () => {
    const model = streamingModel(['unused']);
    const retriever = {
      retrieve: async () => {
        throw new Error('index offline');
      },
    };
    const result = streamAnswer({ model, retriever, question: 'q' });

    await expect(collect(result.textStream)).rejects.toThrow(/index offline/);
    await expect(result.text).rejects.toThrow(/index offline/);
    await expect(result.citations).rejects.toThrow(/index offline/);
    expect(await result.usage).toEqual({});
    const events = await collect(result);
    expect(events.map((event) => event.type)).toEqual(['error']);
    expect(model.calls).toHaveLength(0);
  });

  it("reports the model's stream failure once, with the usage known before it", async () => {
    const failure = new ProviderError('connection reset', { retryable: true });
    const model = mockChatModel({
      replies: [
        {
          events: [
            { type: 'start', warnings: [] },
            { type: 'text-delta', delta: 'Partial' },
            { type: 'usage', usage: { inputTokens: 50 } },
            { type: 'error', error: failure },
          ],
        },
      ],
    });
    const result = streamAnswer({
      model,
      retriever: scriptedRetriever(wholeChunks()),
      question: 'q',
    });
    const events = await collect(result);

    expect(events.filter((event) => event.type === 'error')).toHaveLength(1);
    await expect(result.citations).rejects.toBe(failure);
    expect(await result.usage).toMatchObject({ inputTokens: 50 });
  });

  it('cancels the model call when its reader stops early', async () => {
    const model = streamingModel(['one ', 'two ', 'three ', 'four']);
    const result = streamAnswer({
      model,
      retriever: scriptedRetriever(wholeChunks()),
      question: 'q',
    });
    for await (const delta of result.textStream) {
      expect(delta).toBe('one ');
      break;
    }
    await expect(result.text).rejects.toThrow();
    expect(model.calls[0]?.options.signal?.aborted).toBe(true);
  });

  it('throws a ValidationError at once for bad options', () => {
    const model = streamingModel(['unused']);
    expect(() =>
      streamAnswer({ model, retriever: scriptedRetriever([]), question: '', topK: 3 }),
    ).toThrow(ValidationError);
  });
});
