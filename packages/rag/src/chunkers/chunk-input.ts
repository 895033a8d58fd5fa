import { ValidationError } from '@weft/core';
import type { Chunk, ChunkWarning, Document, DocumentMetadata } from '../types/index.js';
import type { TextRange } from './text-ranges.js';

/** A chunk's range plus what the chunker adds to its metadata. */
export interface ChunkSpan extends TextRange {
  metadata?: DocumentMetadata;
}

/** The document to chunk: a `Document` as given, or a bare string as a document with id `text`. */
export function toDocument(input: Document | string, caller: string): Document {
  if (typeof input === 'string') return { id: 'text', text: input, metadata: {} };
  if (typeof input !== 'object' || input === null || typeof input.text !== 'string') {
    throw new ValidationError(`${caller}.chunk expects a string or a Document with a text.`, {
      issues: [{ path: ['text'], message: 'expected a string' }],
    });
  }
  if (typeof input.id !== 'string') {
    throw new ValidationError(`${caller}.chunk expects a Document with a string id.`, {
      issues: [{ path: ['id'], message: 'expected a string' }],
    });
  }
  return input;
}

/** Turns ranges (in order, already trimmed) into chunks of `document`. */
export function buildChunks(document: Document, spans: readonly ChunkSpan[]): Chunk[] {
  const { text } = document;
  return spans.map((span, index) => ({
    id: `${document.id}#${index}`,
    documentId: document.id,
    index,
    text: text.slice(span.start, span.end),
    start: span.start,
    end: span.end,
    metadata: span.metadata ? { ...document.metadata, ...span.metadata } : { ...document.metadata },
  }));
}

/** Chunk-size options shared by every chunker that packs units. */
export interface ChunkSizeOptions {
  /** The most a chunk may measure, by `length`. */
  chunkSize: number;
  /** How much consecutive chunks share, by `length`. Default 0; less than `chunkSize`. */
  chunkOverlap?: number;
}

/** Checks `chunkSize` and `chunkOverlap` and returns the overlap with its default. */
export function checkSizeOptions(options: ChunkSizeOptions, caller: string): number {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError(`${caller} needs an options object with chunkSize.`, {
      issues: [{ path: [], message: 'expected an object' }],
    });
  }
  const { chunkSize, chunkOverlap = 0 } = options;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new ValidationError(
      `${caller}: chunkSize must be a positive integer, got ${chunkSize}.`,
      {
        issues: [{ path: ['chunkSize'], message: 'expected a positive integer' }],
      },
    );
  }
  if (!Number.isInteger(chunkOverlap) || chunkOverlap < 0 || chunkOverlap >= chunkSize) {
    throw new ValidationError(
      `${caller}: chunkOverlap must be an integer from 0 to chunkSize - 1 (${chunkSize - 1}), got ${chunkOverlap}.`,
      { issues: [{ path: ['chunkOverlap'], message: 'expected 0 <= chunkOverlap < chunkSize' }] },
    );
  }
  return chunkOverlap;
}

/** Renumbers warnings gathered per section so `chunkIndex` counts chunks of the whole document. */
export function offsetWarnings(
  warnings: readonly ChunkWarning[],
  firstChunk: number,
): ChunkWarning[] {
  return warnings.map((warning) =>
    warning.chunkIndex === undefined
      ? warning
      : { ...warning, chunkIndex: warning.chunkIndex + firstChunk },
  );
}
