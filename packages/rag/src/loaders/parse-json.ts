import type { Document } from '../types/index.js';
import { decodeText } from './document-builder.js';
import { type JsonFieldOptions, recordToDocument } from './json-records.js';
import { LoaderError } from './loader-error.js';
import type { LoaderInput } from './types.js';

export type ParseJsonOptions = JsonFieldOptions;

/**
 * Documents from JSON: an array gives one document per element (metadata `index`), anything
 * else one document. `textFields` and `metadataFields` choose what goes where.
 *
 * @example await parseJson(text, { textFields: ['title', 'body'], metadataFields: ['author'] })
 */
export async function parseJson(
  input: LoaderInput,
  options: ParseJsonOptions = {},
): Promise<Document[]> {
  let value: unknown;
  try {
    value = JSON.parse(decodeText(input));
  } catch (error) {
    throw new LoaderError(
      `Invalid JSON${options.source ? ` in ${options.source}` : ''}: ${(error as Error).message}`,
      { code: 'json_syntax', source: options.source, cause: error },
    );
  }
  if (!Array.isArray(value)) {
    const document = await recordToDocument(value, options, 'application/json', undefined);
    return document ? [document] : [];
  }
  const documents: Document[] = [];
  for (let index = 0; index < value.length; index++) {
    const document = await recordToDocument(value[index], options, 'application/json', {
      key: String(index),
      metadata: { index },
    });
    if (document) documents.push(document);
  }
  return documents;
}
