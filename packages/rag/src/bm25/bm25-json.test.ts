import { ValidationError } from '@weft/core';
import { describe, expect, it } from 'vitest';
import { BM25Index } from './bm25-index.js';
import type { BM25IndexJSON } from './bm25-json.js';

function sample(): BM25IndexJSON {
  const index = new BM25Index({ k1: 1.2, b: 0.75, stopWords: ['the'], stemming: true });
  index.add([
    { id: 'a', text: 'The cats are running' },
    { id: 'b', text: 'A dog runs' },
  ]);
  return index.toJSON();
}

function mutated(change: (json: BM25IndexJSON) => void): unknown {
  const json = structuredClone(sample());
  change(json);
  return json;
}

describe('BM25Index.fromJSON', () => {
  it('keeps the options it was built with', () => {
    const restored = BM25Index.fromJSON(sample());
    expect([restored.k1, restored.b]).toEqual([1.2, 0.75]);
    expect(restored.toJSON()).toEqual(sample());
    expect(restored.tokenize('The cats')).toEqual(['cat']);
  });

  it.each([
    ['text that is not JSON', '{"format": "weft.bm25"'],
    ['a foreign object', { hello: 'world' }],
    ['null', null],
    ['another version', mutated((json) => Object.assign(json, { version: 2 }))],
    ['a bad k1', mutated((json) => Object.assign(json.options, { k1: 'big' }))],
    ['duplicate ids', mutated((json) => Object.assign(json.documents, { ids: ['a', 'a'] }))],
    ['a missing length', mutated((json) => json.documents.lengths.pop())],
    ['lengths that disagree with postings', mutated((json) => (json.documents.lengths[0] = 99))],
    [
      'an ordinal out of range',
      mutated((json) => (json.postings[0] as [number[], number[]])[0].push(7)),
    ],
    [
      'ordinals out of order',
      mutated((json) => json.postings.find(([ordinals]) => ordinals.length > 1)?.[0].reverse()),
    ],
    ['a zero frequency', mutated((json) => ((json.postings[0] as [number[], number[]])[1][0] = 0))],
    ['a term without postings', mutated((json) => json.terms.push('extra'))],
    ['duplicate terms', mutated((json) => (json.terms[1] = json.terms[0] as string))],
  ])('refuses %s with a ValidationError', (_, json) => {
    expect(() => BM25Index.fromJSON(json)).toThrow(ValidationError);
    expect(() => BM25Index.fromJSON(json)).toThrow(/Not a valid BM25 index JSON/);
  });

  it('asks for the custom tokenizer an index was built with', () => {
    const tokenizer = (text: string) => text.split('|');
    const index = new BM25Index({ tokenizer });
    index.add([{ id: 'a', text: 'x y|z' }]);
    const json = index.toJSON();
    expect(() => BM25Index.fromJSON(json)).toThrow(/custom tokenizer/);
    expect(BM25Index.fromJSON(json, { tokenizer }).search('x y')).toEqual(index.search('x y'));
  });
});
