import { ValidationError } from '@weft/core';
import type { Document, Retriever, ScoredChunk } from '../types/index.js';
import {
  checkRetrieveCall,
  defaultTopK,
  positiveInteger,
  type RetrieverWarning,
  requireMethod,
} from './retrieve-options.js';
import { documentLoader, type WidenRange, widenResults } from './widen-chunks.js';

export interface ParentDocumentRetrieverOptions {
  /** Finds the small chunks that match precisely. */
  retriever: Retriever;
  /** The parent documents by id (or use `getDocument`). */
  documents?: ReadonlyMap<string, Document>;
  getDocument?: (documentId: string) => Promise<Document | undefined>;
  /** `'document'` returns the whole parent; `'window'` (default) `window` characters around. */
  mode?: 'document' | 'window';
  /** Characters added on each side in `'window'` mode. Default 500. */
  window?: number;
  /** Results when the call names no `topK`. Default 4. */
  topK?: number;
  /** Told when a parent document is missing or no longer matches a chunk. */
  onWarning?: (warning: RetrieverWarning) => void;
}

/**
 * Matches on small chunks, returns larger context: the whole parent document, or a window
 * of characters around the match. The widened chunk keeps the matched chunk's id and has
 * exact offsets into its document; overlapping widenings of one document are merged.
 *
 * @example
 * const retriever = parentDocumentRetriever({ retriever: vector, documents, mode: 'window', window: 800 });
 */
export function parentDocumentRetriever(options: ParentDocumentRetrieverOptions): Retriever {
  const {
    retriever,
    mode = 'window',
    onWarning,
  } = options ?? ({} as ParentDocumentRetrieverOptions);
  requireMethod(retriever, 'retrieve', 'retriever', 'pass a Retriever.');
  const load = documentLoader(options);
  if (mode !== 'document' && mode !== 'window') {
    throw new ValidationError(`mode must be 'document' or 'window', got ${String(mode)}.`);
  }
  const window = options.window ?? 500;
  if (!Number.isInteger(window) || window < 0) {
    throw new ValidationError(`window must be an integer >= 0, got ${String(window)}.`);
  }
  const fallbackTopK = positiveInteger(options.topK ?? defaultTopK, 'topK');
  const widen: WidenRange =
    mode === 'document'
      ? (_chunk, document) => ({ start: 0, end: document.text.length })
      : (chunk) => ({ start: chunk.start - window, end: chunk.end + window });
  return {
    async retrieve(query, retrieveOptions = {}): Promise<ScoredChunk[]> {
      const topK = checkRetrieveCall(query, retrieveOptions, fallbackTopK);
      const { filter, signal } = retrieveOptions;
      const results = await retriever.retrieve(query, { topK, filter, signal });
      return widenResults(results, load, widen, onWarning);
    },
  };
}
