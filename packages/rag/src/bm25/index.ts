// The BM25 keyword index: the index, its serialized form, and the text analysis it uses.
export {
  type BM25Document,
  BM25Index,
  type BM25IndexOptions,
  type BM25Result,
  type BM25SearchOptions,
} from './bm25-index.js';
export type { BM25IndexJSON } from './bm25-json.js';
export { porterStem } from './porter-stemmer.js';
export { englishStopWords } from './stop-words.js';
export {
  createTextAnalyzer,
  type KeywordTokenizer,
  type TextAnalyzerOptions,
  unicodeTokenizer,
} from './tokenizer.js';
