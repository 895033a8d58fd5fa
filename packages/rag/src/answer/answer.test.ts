import { countTokens, ValidationError } from '@weft/core';
import { mockChatModel } from '@weft/core/testing';
import { describe, expect, it } from 'vitest';
import { answer } from './answer.js';
import { noAnswerText } from './answer-prompt.js';
import { documentOf, scriptedRetriever, wholeChunks } from './test-fixtures.js';

function userPrompt(model: ReturnType<typeof mockChatModel>): string {
  const message = model.calls[0]?.request.messages.find((m) => m.role === 'user');
  if (typeof message?.content !== 'string') throw new Error('expected a text user message');
  return message.content;
}

/** The passages block of the prompt: what `maxContextTokens` bounds. */
function passagesBlock(prompt: string): string {
  return prompt.slice('Passages:\n\n'.length, prompt.lastIndexOf('\n\nQuestion: '));
}

describe('answer', () => {
  it('numbers the retrieved passages in the prompt and tells the model to cite them', async () => {
    const model = mockChatModel({ replies: ['BM25 saturates term frequency with k1 [1].'] });
    const retriever = scriptedRetriever(wholeChunks([0, 1]));
    await answer({ model, retriever, question: 'What does k1 do?' });

    const prompt = userPrompt(model);
    expect(prompt).toContain('[1] docs/bm25.md\nBM25 ranks documents');
    expect(prompt).toContain('[2] docs/chunking.md\nChunkers 😀 split');
    expect(prompt.endsWith('Question: What does k1 do?')).toBe(true);
    const system = model.calls[0]?.request.messages[0];
    expect(system?.role).toBe('system');
    expect(system?.content).toContain('only the numbered passages');
    expect(system?.content).toContain('square brackets');
    expect(system?.content).toContain("I don't know.");
  });

  it('maps the markers of the answer to citations with exact offsets in the documents', async () => {
    const model = mockChatModel({
      replies: [
        'Chunks record their start and end offsets [2]. The k1 parameter controls term frequency saturation [1][2].',
      ],
    });
    const hits = wholeChunks([0, 1, 2]);
    const result = await answer({
      model,
      retriever: scriptedRetriever(hits),
      question: 'Offsets?',
    });

    expect(result.citations.map((c) => c.chunkId)).toEqual([hits[1]?.chunk.id, hits[0]?.chunk.id]);
    expect(result.citations[0]).toMatchObject({
      passage: 2,
      source: 'docs/chunking.md',
      quote: 'Every chunk records its start and end offsets in the source text.',
    });
    for (const citation of result.citations) {
      expect(documentOf(citation).text.slice(citation.start, citation.end)).toBe(citation.quote);
    }
    expect(result.chunks).toEqual(hits);
    expect(result.passages.map((p) => p.number)).toEqual([1, 2, 3]);
    expect(result.noAnswer).toBe(false);
    expect(result.finishReason).toBe('stop');
  });

  it('keeps the passages within maxContextTokens, cutting the last one at a word', async () => {
    const model = mockChatModel({ replies: ['Chunks record offsets in the source text [2].'] });
    const result = await answer({
      model,
      retriever: scriptedRetriever(wholeChunks([0, 1, 2])),
      question: 'Where are vectors kept?',
      maxContextTokens: 80,
    });

    const block = passagesBlock(userPrompt(model));
    expect(await countTokens(block, { encoding: 'o200k_base' })).toBeLessThanOrEqual(80);
    const last = result.passages.at(-1);
    expect(last?.truncated).toBe(true);
    expect(block.endsWith(last?.chunk.text ?? '?')).toBe(true);
    expect(
      documentOf(last?.chunk ?? { documentId: '' }).text.slice(last?.chunk.start, last?.chunk.end),
    ).toBe(last?.chunk.text);
    expect(result.warnings.map((w) => w.type)).toContain('passage-truncated');
    // The quote comes from the part the model saw.
    expect(last?.chunk.text).toContain(result.citations[0]?.quote ?? '?');
  });

  it('measures the budget with the tokenizer it is given', async () => {
    const model = mockChatModel({ replies: ['ok'] });
    const result = await answer({
      model,
      retriever: scriptedRetriever(wholeChunks([0, 1, 2])),
      question: 'q',
      maxContextTokens: 200,
      tokenizer: (text) => text.length,
    });
    expect(passagesBlock(userPrompt(model)).length).toBeLessThanOrEqual(200);
    expect(result.passages.length).toBeGreaterThan(0);
  });

  it('passes topK, filter and signal to the retriever, and call options to the model', async () => {
    const model = mockChatModel({ replies: ['ok [1]'] });
    const retriever = scriptedRetriever(wholeChunks());
    const signal = new AbortController().signal;
    const filter = { source: { $in: ['docs/bm25.md'] } };
    await answer({
      model,
      retriever,
      question: ' What is BM25? ',
      topK: 2,
      filter,
      signal,
      temperature: 0,
      maxOutputTokens: 300,
      instructions: 'Answer in one sentence.',
    });

    expect(retriever.calls).toEqual([
      { query: ' What is BM25? ', options: { topK: 2, filter, signal } },
    ]);
    const call = model.calls[0];
    expect(call?.request).toMatchObject({ temperature: 0, maxOutputTokens: 300 });
    expect(call?.options.signal).toBe(signal);
    expect(call?.request.messages[0]?.content).toContain('Answer in one sentence.');
  });

  it('replaces the default system prompt with `system`', async () => {
    const model = mockChatModel({ replies: ['ok'] });
    await answer({
      model,
      retriever: scriptedRetriever(wholeChunks()),
      question: 'q',
      system: 'Be a pirate.',
    });
    expect(model.calls[0]?.request.messages[0]).toEqual({
      role: 'system',
      content: 'Be a pirate.',
    });
  });

  it('says it does not know, without calling the model, when nothing is retrieved', async () => {
    const model = mockChatModel({ replies: ['should not be used'] });
    const result = await answer({ model, retriever: scriptedRetriever([]), question: 'Anything?' });

    expect(result).toMatchObject({ text: noAnswerText, citations: [], noAnswer: true, chunks: [] });
    expect(model.calls).toHaveLength(0);
  });

  it('ignores chunks below minScore, and does not call the model when none is left', async () => {
    const model = mockChatModel({ replies: ['unused'] });
    const hits = wholeChunks([0, 1]); // scores 1 and 0.9
    const result = await answer({
      model,
      retriever: scriptedRetriever(hits),
      question: 'q',
      minScore: 1.5,
    });
    expect(result.noAnswer).toBe(true);
    expect(model.calls).toHaveLength(0);

    const some = await answer({
      model,
      retriever: scriptedRetriever(hits),
      question: 'q',
      minScore: 0.95,
    });
    expect(some.passages.map((p) => p.chunk.id)).toEqual([hits[0]?.chunk.id]);
  });

  it('reports noAnswer when the model says it does not know', async () => {
    const model = mockChatModel({ replies: ["I don't know."] });
    const result = await answer({
      model,
      retriever: scriptedRetriever(wholeChunks()),
      question: 'q',
    });
    expect(result.noAnswer).toBe(true);
    expect(result.citations).toEqual([]);
  });

  it('drops citation numbers that name no passage, with a warning', async () => {
    const model = mockChatModel({ replies: ['BM25 [1]. Made up [9].'] });
    const result = await answer({
      model,
      retriever: scriptedRetriever(wholeChunks([0])),
      question: 'q',
    });
    expect(result.citations.map((c) => c.passage)).toEqual([1]);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        type: 'unknown-citation',
        message: expect.stringContaining('[9]'),
      }),
    ]);
  });

  it('refuses bad options before retrieving or calling the model', async () => {
    const model = mockChatModel({ replies: ['unused'] });
    const retriever = scriptedRetriever(wholeChunks());
    for (const bad of [
      { question: '  ' },
      { topK: 0 },
      { maxContextTokens: 1.5 },
      { minScore: Number.NaN },
    ]) {
      await expect(answer({ model, retriever, question: 'q', ...bad })).rejects.toBeInstanceOf(
        ValidationError,
      );
    }
    expect(retriever.calls).toHaveLength(0);
    expect(model.calls).toHaveLength(0);
  });

  it('refuses what a retriever returns when it is not scored chunks with consistent offsets', async () => {
    const model = mockChatModel({ replies: ['unused'] });
    const [hit] = wholeChunks([0]);
    const broken = { ...hit, chunk: { ...hit?.chunk, end: 3 } };
    const retriever = { retrieve: async () => [broken] } as never;
    await expect(answer({ model, retriever, question: 'q' })).rejects.toThrow(/end - start/);
    expect(model.calls).toHaveLength(0);
  });
});
