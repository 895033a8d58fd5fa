import { ValidationError } from '@weft/core';
import { describe, expect, it } from 'vitest';
import { createTextAnalyzer, unicodeTokenizer } from './tokenizer.js';

describe('unicodeTokenizer', () => {
  it('splits on anything that is not a letter or a digit, and lowercases', () => {
    expect(unicodeTokenizer("Weft's BM25-index: 3.5x faster!")).toEqual([
      'weft',
      's',
      'bm25',
      'index',
      '3',
      '5x',
      'faster',
    ]);
  });

  it('normalizes with NFKC, so full-width and composed forms match plain ones', () => {
    expect(unicodeTokenizer('ＷＥＦＴ ﬁle café')).toEqual(unicodeTokenizer('weft file cafe\u0301'));
  });

  it('keeps combining marks inside words of scripts that use them', () => {
    expect(unicodeTokenizer('हिन्दी भाषा')).toEqual(['हिन्दी', 'भाषा']);
  });

  it('keeps letters outside the BMP (surrogate pairs) whole', () => {
    expect(unicodeTokenizer('𝒜𝒷 x')).toEqual(['ab', 'x']);
    expect(unicodeTokenizer('𐐀𐐨 y')).toEqual(['𐐨𐐨', 'y']);
  });

  it('turns Chinese and Japanese runs into character bigrams', () => {
    expect(unicodeTokenizer('東京都 abc日本')).toEqual(['東京', '京都', 'abc', '日本']);
    expect(unicodeTokenizer('猫')).toEqual(['猫']);
  });

  it('gives nothing for text without letters or digits', () => {
    expect(unicodeTokenizer(' -- !? ')).toEqual([]);
  });
});

describe('createTextAnalyzer', () => {
  it('removes English stop words and stems what is left', () => {
    const analyze = createTextAnalyzer({ stopWords: true, stemming: true });
    expect(analyze('The connections of the cells were dividing')).toEqual([
      'connect',
      'cell',
      'were',
      'divid',
    ]);
  });

  it('takes a custom stop word list, compared case-insensitively', () => {
    const analyze = createTextAnalyzer({ stopWords: ['Were', 'cells'] });
    expect(analyze('The cells were dividing')).toEqual(['the', 'dividing']);
  });

  it('applies stop words and stemming after a custom tokenizer', () => {
    const analyze = createTextAnalyzer({
      tokenizer: (text) => text.split(','),
      stopWords: ['skip'],
      stemming: true,
    });
    expect(analyze('running,skip,cats')).toEqual(['run', 'cat']);
  });

  it('refuses a stop word list that is not strings', () => {
    expect(() => createTextAnalyzer({ stopWords: [1 as unknown as string] })).toThrow(
      ValidationError,
    );
  });
});
