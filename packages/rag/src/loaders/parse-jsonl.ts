import type { Document } from '../types/index.js';
import { decodeText } from './document-builder.js';
import { type JsonFieldOptions, recordToDocument } from './json-records.js';
import { LoaderError } from './loader-error.js';
import type { LoaderInput } from './types.js';

export type ParseJsonlOptions = JsonFieldOptions;

/**
 * Documents from JSON Lines, one per non-blank line (metadata `line`, 1-based). A line that
 * is not JSON is an error that names the line.
 */
export async function parseJsonl(
  input: LoaderInput,
  options: ParseJsonlOptions = {},
): Promise<Document[]> {
  const lines = decodeText(input).split(/\r?\n/);
  const documents: Document[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '') continue;
    const lineNumber = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new LoaderError(
        `Invalid JSON on line ${lineNumber}${options.source ? ` of ${options.source}` : ''}: ${(error as Error).message}`,
        { code: 'json_syntax', source: options.source, cause: error },
      );
    }
    const document = await recordToDocument(value, options, 'application/x-ndjson', {
      key: String(lineNumber),
      metadata: { line: lineNumber },
    });
    if (document) documents.push(document);
  }
  return documents;
}
