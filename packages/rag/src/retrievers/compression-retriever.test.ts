import { mockChatModel } from '@weft/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScoredChunk } from '../types/index.js';
import { compressionRetriever, irrelevantMarker, locateExtract } from './compression-retriever.js';
import type { RetrieverWarning } from './retrieve-options.js';
import { fixedRetriever, ids, promptOf } from './testing-fixtures.js';

const docText = 'Intro line. Cats purr when content. Dogs bark at strangers. Outro.';
function chunk(id: string, start: number, end: number): ScoredChunk {
  return {
    chunk: {
      id,
      documentId: 'd',
      index: 0,
      text: docText.slice(start, end),
      start,
      end,
      metadata: {},
    },
    score: 0.8,
  };
}

describe('locateExtract', () => {
  it('finds a verbatim extract, or its lines in order, and nothing else', () => {
    const text = 'A b. C d. E f.';
    expect(locateExtract(text, 'C d.')).toEqual({ start: 5, end: 9 });
    expect(locateExtract(text, 'A b.\nE f.')).toEqual({ start: 0, end: 14 });
    expect(locateExtract(text, 'E f.\nA b.')).toBeUndefined();
    expect(locateExtract(text, 'C D.')).toBeUndefined();
    expect(locateExtract(text, '   ')).toBeUndefined();
  });

  it('finds any substring of random text exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
        fc.nat(),
        fc.nat(),
        (text, a, b) => {
          const from = a % text.length;
          const to = from + 1 + (b % (text.length - from));
          const extract = text.slice(from, to);
          fc.pre(extract.trim() === extract && extract !== '' && !/[\r\n]/.test(extract));
          const range = locateExtract(text, extract);
          expect(range && text.slice(range.start, range.end)).toBe(extract);
        },
      ),
    );
  });
});

describe('compressionRetriever', () => {
  it('narrows each chunk to the kept sentences with exact offsets and drops irrelevant chunks', async () => {
    const whole = chunk('d#0', 0, docText.length);
    const tail = chunk('d#1', docText.indexOf('Dogs'), docText.length);
    const model = mockChatModel({
      replies: [
        (request) =>
          promptOf(request).includes('Intro') ? 'Cats purr when content.' : irrelevantMarker,
      ],
    });
    const retriever = compressionRetriever({ retriever: fixedRetriever([whole, tail]), model });
    const results = await retriever.retrieve('Do cats purr?');
    expect(ids(results)).toEqual(['d#0']);
    const narrowed = results[0]?.chunk;
    expect(narrowed?.text).toBe('Cats purr when content.');
    expect(docText.slice(narrowed?.start, narrowed?.end)).toBe(narrowed?.text);
    expect(results[0]?.score).toBe(0.8);
    expect(model.calls).toHaveLength(2);
  });

  it('keeps the whole chunk, with a warning, when the extract is not verbatim', async () => {
    const warnings: RetrieverWarning[] = [];
    const original = chunk('d#0', 0, docText.length);
    const retriever = compressionRetriever({
      retriever: fixedRetriever([original]),
      model: mockChatModel({ replies: ['Cats are happy when they purr.'] }),
      onWarning: (warning) => warnings.push(warning),
    });
    expect(await retriever.retrieve('cats')).toEqual([original]);
    expect(warnings.map((warning) => warning.type)).toEqual(['not-verbatim']);
  });
});
