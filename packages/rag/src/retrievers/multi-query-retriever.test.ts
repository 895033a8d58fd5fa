import { mockChatModel } from '@weft/core/testing';
import { describe, expect, it } from 'vitest';
import type { Retriever } from '../types/index.js';
import { multiQueryRetriever, parseQueryLines } from './multi-query-retriever.js';
import type { RetrieverWarning } from './retrieve-options.js';
import { chunkWithId, ids, promptOf } from './testing-fixtures.js';

describe('parseQueryLines', () => {
  it('drops list markers, quotes, preambles, blank lines and duplicates of the question', () => {
    const reply =
      'Here are 3 rephrasings:\n\n1. "How do cats sleep?"\n2) What is feline rest like\n- how do cats sleep?\n* Do kittens nap a lot\n';
    expect(parseQueryLines(reply, 'Why do cats sleep?', 5)).toEqual([
      'How do cats sleep?',
      'What is feline rest like',
      'Do kittens nap a lot',
    ]);
    expect(parseQueryLines('a\nb\nc\nd', 'q', 2)).toEqual(['a', 'b']);
    expect(parseQueryLines('Why do cats sleep?\n', 'why do cats sleep?', 3)).toEqual([]);
  });
});

describe('multiQueryRetriever', () => {
  // Each query finds the chunk named after its first word.
  const byFirstWord: Retriever & { queries: string[] } = {
    queries: [],
    async retrieve(query) {
      this.queries.push(query);
      const word = query.split(' ')[0]?.toLowerCase() ?? '';
      return [
        { chunk: chunkWithId(word), score: 1 },
        { chunk: chunkWithId('common'), score: 0.5 },
      ];
    },
  };

  it('retrieves for the question and each rephrasing and fuses the results', async () => {
    byFirstWord.queries = [];
    const model = mockChatModel({ replies: ['alpha one\nbeta two\ngamma three'] });
    const retriever = multiQueryRetriever({ retriever: byFirstWord, model, queries: 3 });
    const results = await retriever.retrieve('original question', { topK: 10 });
    expect(byFirstWord.queries).toEqual([
      'original question',
      'alpha one',
      'beta two',
      'gamma three',
    ]);
    // "common" is second in all four rankings; each other chunk first in one.
    expect(ids(results)).toEqual(['common', 'alpha', 'beta', 'gamma', 'original']);
    expect(promptOf(model.calls[0]?.request ?? { messages: [] })).toContain('original question');
    expect(promptOf(model.calls[0]?.request ?? { messages: [] })).toContain(
      '3 different rephrasings',
    );
  });

  it('falls back to the question alone, with a warning, when the reply holds no rephrasing', async () => {
    byFirstWord.queries = [];
    const warnings: RetrieverWarning[] = [];
    const model = mockChatModel({ replies: ['\n\n'] });
    const retriever = multiQueryRetriever({
      retriever: byFirstWord,
      model,
      onWarning: (warning) => warnings.push(warning),
    });
    expect(ids(await retriever.retrieve('solo'))).toEqual(['solo', 'common']);
    expect(byFirstWord.queries).toEqual(['solo']);
    expect(warnings.map((warning) => warning.type)).toEqual(['unparsable-model-output']);
  });
});
