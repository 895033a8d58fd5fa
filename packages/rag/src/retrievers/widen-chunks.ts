import { ValidationError } from '@weft/core';
import type { Chunk, Document, ScoredChunk } from '../types/index.js';
import type { RetrieverWarning } from './retrieve-options.js';

/** Where parent documents come from: a map by id, or a loader. */
export type ParentDocuments =
  | ReadonlyMap<string, Document>
  | ((documentId: string) => Promise<Document | undefined>);

/** A range `[start, end)` in the document that contains the chunk's own range. */
export type WidenRange = (chunk: Chunk, document: Document) => { start: number; end: number };

/** Checks the `documents` / `getDocument` options and returns one loader. */
export function documentLoader(options: {
  documents?: ReadonlyMap<string, Document>;
  getDocument?: (documentId: string) => Promise<Document | undefined>;
}): (documentId: string) => Promise<Document | undefined> {
  const { documents, getDocument } = options;
  if (documents instanceof Map) return async (id) => documents.get(id);
  if (typeof getDocument === 'function') return getDocument;
  throw new ValidationError(
    'Pass the parent documents: `documents` (a Map by document id) or `getDocument(documentId)`.',
    { issues: [{ path: ['documents'], message: 'required' }] },
  );
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Moves range edges outwards off the middle of a surrogate pair. */
export function outsideSurrogates(text: string, start: number, end: number) {
  let from = start;
  let to = end;
  if (
    from > 0 &&
    isLowSurrogate(text.charCodeAt(from)) &&
    isHighSurrogate(text.charCodeAt(from - 1))
  )
    from--;
  if (
    to < text.length &&
    isHighSurrogate(text.charCodeAt(to - 1)) &&
    isLowSurrogate(text.charCodeAt(to))
  )
    to++;
  return { start: from, end: to };
}

interface Widened {
  chunk: Chunk;
  score: number;
  start: number;
  end: number;
  document?: Document;
}

/**
 * Replaces each result's chunk with a wider span of its parent document, with exact offsets
 * (`document.text.slice(start, end) === text`). Spans of one document that overlap or touch
 * are merged into the better-scored one. A result whose document is missing, or no longer
 * holds the chunk's text at its offsets, is kept as it is, with a warning.
 */
export async function widenResults(
  results: readonly ScoredChunk[],
  load: (documentId: string) => Promise<Document | undefined>,
  widen: WidenRange,
  onWarning: ((warning: RetrieverWarning) => void) | undefined,
): Promise<ScoredChunk[]> {
  const documents = new Map<string, Promise<Document | undefined>>();
  const kept: Widened[] = [];
  for (const { chunk, score } of results) {
    let pending = documents.get(chunk.documentId);
    if (!pending) {
      pending = load(chunk.documentId);
      documents.set(chunk.documentId, pending);
    }
    const document = await pending;
    if (!document || document.text.slice(chunk.start, chunk.end) !== chunk.text) {
      onWarning?.({
        type: 'other',
        message: document
          ? `Document "${chunk.documentId}" no longer holds chunk "${chunk.id}" at ${chunk.start}-${chunk.end} (re-ingest it); the chunk is returned as it is.`
          : `No parent document "${chunk.documentId}" for chunk "${chunk.id}"; the chunk is returned as it is.`,
      });
      kept.push({ chunk, score, start: chunk.start, end: chunk.end });
      continue;
    }
    const range = widen(chunk, document);
    const { start, end } = outsideSurrogates(
      document.text,
      Math.max(0, Math.min(range.start, chunk.start)),
      Math.min(document.text.length, Math.max(range.end, chunk.end)),
    );
    const entry: Widened = { chunk, score, start, end, document };
    // Results come best first, so the span merged into is always the better-scored one.
    let target: Widened | undefined;
    for (const other of kept) {
      if (other.document !== document || other.end < entry.start || entry.end < other.start)
        continue;
      if (!target) {
        target = other;
        target.start = Math.min(target.start, entry.start);
        target.end = Math.max(target.end, entry.end);
      }
    }
    if (!target) {
      kept.push(entry);
      continue;
    }
    // A grown span may now reach spans kept before it: absorb them too.
    for (let index = kept.length - 1; index >= 0; index--) {
      const other = kept[index] as Widened;
      if (other === target || other.document !== document) continue;
      if (other.end < target.start || target.end < other.start) continue;
      target.start = Math.min(target.start, other.start);
      target.end = Math.max(target.end, other.end);
      if (other.score > target.score) {
        target.score = other.score;
        target.chunk = other.chunk;
      }
      kept.splice(index, 1);
    }
  }
  return kept
    .sort((a, b) => b.score - a.score)
    .map(({ chunk, score, start, end, document }) => ({
      score,
      chunk: document ? { ...chunk, text: document.text.slice(start, end), start, end } : chunk,
    }));
}
