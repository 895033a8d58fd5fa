import { ValidationError } from '@weft/core';
import type { Document, DocumentMetadata } from '../types/index.js';
import { LoaderError } from './loader-error.js';
import { parserForPath } from './parsers-by-format.js';
import { readFileCapped } from './read-file-capped.js';
import type { DocumentParser } from './types.js';

/** The default cap on one file: 50 MB. */
export const defaultMaxFileBytes = 50 * 1024 * 1024;

export interface LoadFileOptions {
  /** The document id (default: the path as given). */
  id?: string;
  /** `metadata.source` (default: the path as given). */
  source?: string;
  /** Parse with this instead of the parser chosen by extension. */
  parser?: DocumentParser;
  /** Parsers by extension (`{ '.rst': parseText }`), consulted before the defaults. */
  loaders?: Readonly<Record<string, DocumentParser>>;
  /** Refuse files larger than this many bytes (default 50 MB). */
  maxBytes?: number;
  /** Extra metadata for every document. */
  metadata?: DocumentMetadata;
}

/**
 * Loads one file into documents, choosing the parser by extension (Node-only).
 *
 * @example const [guide] = await loadFile('docs/guide.md');
 */
export async function loadFile(path: string, options: LoadFileOptions = {}): Promise<Document[]> {
  if (typeof path !== 'string' || path === '') {
    throw new ValidationError('loadFile needs a non-empty path.');
  }
  const maxBytes = options.maxBytes ?? defaultMaxFileBytes;
  if (!Number.isFinite(maxBytes) || maxBytes < 0) {
    throw new ValidationError(`maxBytes must be a non-negative number, got ${maxBytes}.`);
  }
  const parser = options.parser ?? parserForPath(path, options.loaders);
  if (!parser) {
    throw new LoaderError(
      `No loader for ${path}: pass \`parser\`, or \`loaders: { '.ext': parseText }\`.`,
      { code: 'no_loader', source: path },
    );
  }
  let read: Awaited<ReturnType<typeof readFileCapped>>;
  try {
    read = await readFileCapped(path, maxBytes);
  } catch (error) {
    throw new LoaderError(`Could not read ${path}: ${(error as Error).message}`, {
      code: 'read_failed',
      source: path,
      cause: error,
    });
  }
  if ('tooLarge' in read) {
    throw new LoaderError(`${path} is ${read.tooLarge} bytes, over the ${maxBytes}-byte limit.`, {
      code: 'too_large',
      source: path,
    });
  }
  const source = options.source ?? path;
  return parser(read.bytes, { id: options.id ?? source, source, metadata: options.metadata });
}
