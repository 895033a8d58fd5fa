import type { Document } from '../types/index.js';
import { baseMetadata, buildDocument, decodeText } from './document-builder.js';
import type { LoaderInput, ParseOptions } from './types.js';

/** One plain-text document; the title is the file name unless `options.title` says otherwise. */
export async function parseText(
  input: LoaderInput,
  options: ParseOptions = {},
): Promise<Document[]> {
  const text = decodeText(input);
  const id = options.id ?? options.source ?? 'text';
  return [await buildDocument(id, text, baseMetadata(options, 'text/plain'))];
}
