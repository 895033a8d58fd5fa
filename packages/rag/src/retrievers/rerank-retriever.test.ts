import { mockChatModel } from '@weft/core/testing';
import { describe, expect, it } from 'vitest';
import type { ScoredChunk } from '../types/index.js';
import { llmReranker, parseRerankScores } from './llm-reranker.js';
import { rerankRetriever } from './rerank-retriever.js';
import type { RetrieverWarning } from './retrieve-options.js';
import { chunkWithId, fixedRetriever, ids, promptOf } from './testing-fixtures.js';

const candidates: ScoredChunk[] = ['a', 'b', 'c'].map((id, rank) => ({
  chunk: chunkWithId(id),
  score: 1 - rank / 10,
}));

describe('parseRerankScores', () => {
  it('reads index: score lines and ignores chatter', () => {
    expect(parseRerankScores('Scores:\n0: 3\n[1]: 9\n2 = 5/10\n', 3)).toEqual([3, 9, 5]);
  });

  it('says why a reply cannot be used', () => {
    expect(parseRerankScores('0: 3\n1: 4', 3)).toMatch(/no score for passage 2/);
    expect(parseRerankScores('0: 3\n0: 4\n1: 1', 2)).toMatch(/twice/);
    expect(parseRerankScores('0: 3\n5: 4', 2)).toMatch(/only 2/);
    expect(parseRerankScores('0: 11', 1)).toMatch(/above 10/);
    expect(parseRerankScores('I think the second one.', 2)).toMatch(/no score/);
  });
});

describe('rerankRetriever with llmReranker', () => {
  it('orders the fetched candidates by the model scores, keeping topK, scores / 10', async () => {
    const model = mockChatModel({ replies: ['0: 2\n1: 9\n2: 6'] });
    const inner = fixedRetriever(candidates);
    const retriever = rerankRetriever({
      retriever: inner,
      reranker: llmReranker({ model }),
      fetchK: 3,
    });
    const results = await retriever.retrieve('query', { topK: 2 });
    expect(ids(results)).toEqual(['b', 'c']);
    expect(results.map((result) => result.score)).toEqual([0.9, 0.6]);
    expect(inner.calls).toEqual([{ query: 'query', topK: 3 }]);
    expect(model.calls).toHaveLength(1);
    const prompt = promptOf(model.calls[0]?.request ?? { messages: [] });
    expect(prompt).toContain('[1] text of b');
    expect(prompt).toContain('Query: query');
  });

  it('keeps the original order and scores, with a warning, when the reply is unparsable', async () => {
    const warnings: RetrieverWarning[] = [];
    const retriever = rerankRetriever({
      retriever: fixedRetriever(candidates),
      reranker: llmReranker({ model: mockChatModel({ replies: ['b is best'] }) }),
      onWarning: (warning) => warnings.push(warning),
    });
    expect(await retriever.retrieve('query', { topK: 2 })).toEqual(candidates.slice(0, 2));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(/original order is kept/);
  });

  it('refuses a reranker that names an unknown candidate', async () => {
    const retriever = rerankRetriever({
      retriever: fixedRetriever(candidates),
      reranker: { rerank: async () => ({ results: [{ index: 7, score: 1 }], warnings: [] }) },
    });
    await expect(retriever.retrieve('query')).rejects.toThrow(/index 7/);
  });

  it('asks nothing of the model when there are no candidates', async () => {
    const model = mockChatModel({ replies: ['0: 1'] });
    const retriever = rerankRetriever({
      retriever: fixedRetriever([]),
      reranker: llmReranker({ model }),
    });
    expect(await retriever.retrieve('query')).toEqual([]);
    expect(model.calls).toHaveLength(0);
  });
});
