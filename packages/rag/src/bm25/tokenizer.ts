import { ValidationError } from '@weft/core';
import { porterStem } from './porter-stemmer.js';
import { englishStopWords } from './stop-words.js';

/** Splits text into terms. Must be deterministic: the same text always gives the same terms. */
export type KeywordTokenizer = (text: string) => string[];

export interface TextAnalyzerOptions {
  /** Splits the text; default `unicodeTokenizer`. Stop words and stemming apply after it. */
  tokenizer?: KeywordTokenizer;
  /** `true` for `englishStopWords`, or your own list (compared after lowercasing). Default none. */
  stopWords?: boolean | readonly string[];
  /** Porter stemming of each term. Default `false`. */
  stemming?: boolean;
}

// A word is a run of letters and digits, with the combining marks that belong to it (Indic
// vowel signs, Thai tone marks), so that those scripts are not cut mid-word.
const wordPattern = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
// Chinese and Japanese are written without spaces: a run of these scripts becomes overlapping
// character bigrams (as Lucene's CJK analyzer does) instead of one term per sentence.
const cjkRun = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]+/gu;
const cjkTest = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;

function pushCjkBigrams(run: string, terms: string[]): void {
  const chars = Array.from(run);
  if (chars.length === 1) {
    terms.push(run);
    return;
  }
  for (let index = 0; index + 1 < chars.length; index++) {
    terms.push((chars[index] as string) + (chars[index + 1] as string));
  }
}

function splitMixed(word: string, terms: string[]): void {
  let last = 0;
  for (const match of word.matchAll(cjkRun)) {
    const at = match.index ?? 0;
    if (at > last) terms.push(word.slice(last, at));
    pushCjkBigrams(match[0], terms);
    last = at + match[0].length;
  }
  if (last < word.length) terms.push(word.slice(last));
}

/**
 * The default tokenizer: NFKC-normalized, lowercased runs of Unicode letters and digits
 * (with their combining marks); Chinese and Japanese runs become character bigrams.
 *
 * @example unicodeTokenizer('Ｗeft’s BM25-index') // ['weft', 's', 'bm25', 'index']
 */
export function unicodeTokenizer(text: string): string[] {
  const normalized = text.normalize('NFKC').toLowerCase();
  const words = normalized.match(wordPattern) ?? [];
  if (!cjkTest.test(normalized)) return words;
  const terms: string[] = [];
  for (const word of words) {
    if (cjkTest.test(word)) splitMixed(word, terms);
    else terms.push(word);
  }
  return terms;
}

function stopWordSet(stopWords: TextAnalyzerOptions['stopWords']): Set<string> | undefined {
  if (stopWords === undefined || stopWords === false) return undefined;
  if (stopWords === true) return new Set(englishStopWords);
  if (!Array.isArray(stopWords) || stopWords.some((word) => typeof word !== 'string')) {
    throw new ValidationError('stopWords must be a boolean or an array of strings.', {
      issues: [{ path: ['stopWords'], message: 'expected boolean or string[]' }],
    });
  }
  return new Set(stopWords.map((word) => word.normalize('NFKC').toLowerCase()));
}

// Analyzed tokens are cached per analyzer (vocabularies repeat); the cap bounds memory.
const maxCachedTerms = 200_000;

/**
 * Builds the text -> terms function of an index: tokenizer, then stop words, then stemming.
 *
 * @example createTextAnalyzer({ stopWords: true, stemming: true })('The cells were dividing')
 * // ['cell', 'were', 'divid']
 */
export function createTextAnalyzer(options: TextAnalyzerOptions = {}): KeywordTokenizer {
  const tokenizer = options.tokenizer ?? unicodeTokenizer;
  if (typeof tokenizer !== 'function') {
    throw new ValidationError('tokenizer must be a function (text) => string[].', {
      issues: [{ path: ['tokenizer'], message: 'expected a function' }],
    });
  }
  const stopWords = stopWordSet(options.stopWords);
  const stemming = options.stemming === true;
  if (!stopWords && !stemming) return checked(tokenizer);
  // One cache lookup per token decides both: the term it becomes, or null for a stop word.
  const analyzed = new Map<string, string | null>();
  const analyzeToken = (token: string): string | null => {
    let term = analyzed.get(token);
    if (term === undefined) {
      term = stopWords?.has(token) ? null : stemming ? porterStem(token) : token;
      if (analyzed.size >= maxCachedTerms) analyzed.clear();
      analyzed.set(token, term);
    }
    return term;
  };
  const split = checked(tokenizer);
  return (text: string): string[] => {
    const terms: string[] = [];
    for (const token of split(text)) {
      const term = analyzeToken(token);
      if (term !== null) terms.push(term);
    }
    return terms;
  };
}

function checked(tokenizer: KeywordTokenizer): KeywordTokenizer {
  if (tokenizer === unicodeTokenizer) return tokenizer;
  return (text: string): string[] => {
    const tokens: unknown = tokenizer(text);
    if (!Array.isArray(tokens) || tokens.some((token) => typeof token !== 'string')) {
      throw new ValidationError('The tokenizer must return an array of strings.');
    }
    return tokens as string[];
  };
}
