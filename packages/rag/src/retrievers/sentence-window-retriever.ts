import { ValidationError } from '@weft/core';
import { segmentSentences } from '../chunkers/segment-sentences.js';
import type { Document, Retriever, ScoredChunk } from '../types/index.js';
import {
  checkRetrieveCall,
  defaultTopK,
  positiveInteger,
  type RetrieverWarning,
  requireMethod,
} from './retrieve-options.js';
import { documentLoader, type WidenRange, widenResults } from './widen-chunks.js';

export interface SentenceWindowRetrieverOptions {
  /** Finds the chunks (typically from `sentenceChunker`, one or a few sentences each). */
  retriever: Retriever;
  documents?: ReadonlyMap<string, Document>;
  getDocument?: (documentId: string) => Promise<Document | undefined>;
  /** Sentences added on each side of the match. Default 2. */
  sentences?: number;
  /** Locale for sentence segmentation. Default `en`. */
  locale?: string;
  /** Results when the call names no `topK`. Default 4. */
  topK?: number;
  onWarning?: (warning: RetrieverWarning) => void;
}

/** The index of the range holding `offset` (ranges tile the text in order). */
function rangeAt(ranges: ReadonlyArray<{ start: number; end: number }>, offset: number): number {
  let low = 0;
  let high = ranges.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((ranges[middle] as { start: number }).start <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * Matches on small chunks, returns the matched text plus `sentences` whole sentences on each
 * side, with exact offsets into the parent document. Overlapping windows are merged.
 *
 * @example
 * const retriever = sentenceWindowRetriever({ retriever: vector, documents, sentences: 2 });
 */
export function sentenceWindowRetriever(options: SentenceWindowRetrieverOptions): Retriever {
  const { retriever, onWarning, locale = 'en' } = options ?? ({} as SentenceWindowRetrieverOptions);
  requireMethod(retriever, 'retrieve', 'retriever', 'pass a Retriever.');
  const load = documentLoader(options);
  const sentences = options.sentences ?? 2;
  if (!Number.isInteger(sentences) || sentences < 0) {
    throw new ValidationError(`sentences must be an integer >= 0, got ${String(sentences)}.`);
  }
  const fallbackTopK = positiveInteger(options.topK ?? defaultTopK, 'topK');
  return {
    async retrieve(query, retrieveOptions = {}): Promise<ScoredChunk[]> {
      const topK = checkRetrieveCall(query, retrieveOptions, fallbackTopK);
      const { filter, signal } = retrieveOptions;
      const results = await retriever.retrieve(query, { topK, filter, signal });
      // Segmented once per document and call, however many of its chunks matched.
      const segmented = new Map<Document, ReturnType<typeof segmentSentences>>();
      const widen: WidenRange = (chunk, document) => {
        let ranges = segmented.get(document);
        if (!ranges) {
          ranges = segmentSentences(document.text, 0, document.text.length, locale);
          segmented.set(document, ranges);
        }
        if (ranges.length === 0) return { start: chunk.start, end: chunk.end };
        const first = Math.max(0, rangeAt(ranges, chunk.start) - sentences);
        const last = Math.min(
          ranges.length - 1,
          rangeAt(ranges, Math.max(chunk.start, chunk.end - 1)) + sentences,
        );
        return {
          start: (ranges[first] as { start: number }).start,
          end: (ranges[last] as { end: number }).end,
        };
      };
      return widenResults(results, load, widen, onWarning);
    },
  };
}
